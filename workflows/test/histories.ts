import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = fileURLToPath(new URL('./histories/', import.meta.url));

/**
 * Saves a finished run's history as a replay fixture when RECORD_HISTORIES=1. Fixtures are
 * committed: they pin the behaviour of workflows that have run, so a non-deterministic change fails.
 */
export async function recordHistory(name: string, handle: WorkflowHandle) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(join(historiesDir, `${name}.json`), historyToJSON(history));
}

export function loadHistories() {
  return readdirSync(historiesDir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(historiesDir, file), 'utf8'))),
    }));
}
