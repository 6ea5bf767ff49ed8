import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxRetentionSchedule } from '../src/outbox-retention/schedule.js';
import { allSchedules } from '../src/schedules/all.js';
import { registerSchedules } from '../src/schedules/register.js';
import { connectTestTemporal } from './temporal.js';

let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
beforeAll(async () => {
  temporal = await connectTestTemporal();
});
afterAll(async () => temporal?.close());

describe('schedule registration', () => {
  it('creates a schedule once and updates it on every later run', async () => {
    const scheduleId = `outbox-retention-${randomUUID()}`;
    const first = { ...outboxRetentionSchedule(temporal.taskQueue, 7), scheduleId };
    const changed = { ...outboxRetentionSchedule(temporal.taskQueue, 30), scheduleId };
    try {
      expect(await registerSchedules(temporal.client, [first])).toEqual([{ scheduleId, action: 'created' }]);
      expect(await registerSchedules(temporal.client, [changed])).toEqual([{ scheduleId, action: 'updated' }]);

      const description = await temporal.client.schedule.getHandle(scheduleId).describe();
      expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'outboxRetention', args: [{ retentionDays: 30 }] });
      const ids: string[] = [];
      for await (const s of temporal.client.schedule.list()) if (s.scheduleId === scheduleId) ids.push(s.scheduleId);
      expect(ids).toHaveLength(1);
    } finally {
      await temporal.client.schedule.getHandle(scheduleId).delete();
    }
  });

  it('registers the outbox retention schedule on the given task queue', () => {
    expect(allSchedules('guild').map((s) => s.scheduleId)).toContain('outbox-retention');
    expect(allSchedules('guild')[0]!.action).toMatchObject({ taskQueue: 'guild' });
  });
});
