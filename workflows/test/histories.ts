import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { EncryptionCodec } from '../src/codec/encryption-codec.js';
import { loadCodecKeyRing } from '../src/codec/keys.js';

export const historiesDir = fileURLToPath(new URL('./histories/', import.meta.url));
const { History } = temporal.api.history.v1;

/**
 * Saves a finished run's history as a replay fixture when RECORD_HISTORIES=1. Fixtures are
 * committed: they pin the behaviour of workflows that have run, so a non-deterministic change fails.
 * Binary protobuf, encoded by the same library that decodes it (the JSON helpers trip over two
 * copies of protobufjs in the dependency tree). A run of the production-wired stack is encrypted
 * with this run's codec key: its payloads are stored decrypted, so the replay needs no key.
 */
export async function recordHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  await decryptPayloads(history);
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(join(historiesDir, `${name}.history.pb`), History.encode(history).finish());
}

export function loadHistories() {
  return readdirSync(historiesDir)
    .filter((f) => f.endsWith('.history.pb'))
    .map((file) => ({
      workflowId: file.replace(/\.history\.pb$/, ''),
      history: History.decode(readFileSync(join(historiesDir, file))),
    }));
}

/** Replaces every encrypted payload in the history, wherever it sits, by its plaintext. */
async function decryptPayloads(history: unknown) {
  const encrypted = collectPayloads(history).filter((p) => Buffer.from(p.metadata?.['encoding'] ?? []).toString() === 'binary/encrypted');
  if (!encrypted.length) return;
  const plain = await new EncryptionCodec(loadCodecKeyRing()).decode(encrypted);
  encrypted.forEach((payload, i) => {
    payload.metadata = plain[i]!.metadata ?? {};
    payload.data = plain[i]!.data ?? new Uint8Array();
  });
}

function collectPayloads(node: unknown, found: Payload[] = []): Payload[] {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return found;
  const candidate = node as Payload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && 'encoding' in candidate.metadata) {
    found.push(candidate);
    return found;
  }
  for (const value of Object.values(node)) collectPayloads(value, found);
  return found;
}
