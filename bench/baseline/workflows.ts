import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10 s' });

/** The orchestration baseline: one activity that does nothing, nothing else. */
export async function benchNoop(): Promise<void> {
  await noop();
}
