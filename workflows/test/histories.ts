import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export const historiesDir = fileURLToPath(new URL('./histories/', import.meta.url));
const { History } = temporal.api.history.v1;

/**
 * Saves a finished run's history as a replay fixture when RECORD_HISTORIES=1. Fixtures are
 * committed: they pin the behaviour of workflows that have run, so a non-deterministic change fails.
 * Binary protobuf, encoded by the same library that decodes it (the JSON helpers trip over two
 * copies of protobufjs in the dependency tree).
 */
export async function recordHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
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
