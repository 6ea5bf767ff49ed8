import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';

/**
 * Creates each schedule, or brings an existing one up to date with its definition, so running
 * this at every start is safe and a changed definition takes effect without manual steps.
 */
export async function registerSchedules(client: Client, schedules: ScheduleOptions[]) {
  const results: { scheduleId: string; action: 'created' | 'updated' }[] = [];
  for (const options of schedules) {
    try {
      await client.schedule.create(options);
      results.push({ scheduleId: options.scheduleId, action: 'created' });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action,
        ...(options.policies ? { policies: { ...previous.policies, ...options.policies } } : {}),
      }));
      results.push({ scheduleId: options.scheduleId, action: 'updated' });
    }
  }
  return results;
}
