import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { loadHistories } from './histories.js';
import { workflowsPath } from './temporal.js';

// Every recorded history must replay on today's workflow code: a change that would make a running
// workflow take a different path (non-determinism) fails here, before it reaches production.
describe('replay of recorded workflow histories', () => {
  const histories = loadHistories();

  it('has recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it('replays every recorded history without a determinism error', async () => {
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath, replayName: 'guild-replay' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
