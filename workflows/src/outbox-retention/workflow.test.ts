import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../test/histories.js';
import { connectTestTemporal, workflowsPath } from '../../test/temporal.js';
import { createOutboxRetentionActivities } from './activities.js';
import { outboxRetention } from './workflow.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
beforeAll(async () => {
  db = await createTestDatabase();
  temporal = await connectTestTemporal();
});
afterAll(async () => {
  await temporal?.close();
  await db?.drop();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);

describe('outbox retention', () => {
  it('deletes only delivered events older than the retention, never undelivered ones', async () => {
    const row = (occurredAt: Date, publishedAt: Date | null) => ({
      id: randomUUID(),
      source: 'support',
      subject: 'support.query.submitted',
      version: 1,
      payload: {},
      occurredAt,
      publishedAt,
    });
    const oldDelivered = row(daysAgo(10), daysAgo(10));
    const recentDelivered = row(daysAgo(1), daysAgo(1));
    const oldUndelivered = row(daysAgo(10), null);
    await db.prisma.outboxEvent.createMany({ data: [oldDelivered, recentDelivered, oldUndelivered] });

    const worker = await Worker.create({
      connection: temporal.workerConnection,
      taskQueue: temporal.taskQueue,
      workflowsPath,
      activities: createOutboxRetentionActivities({ prisma: db.prisma }),
    });
    const handle = await temporal.client.workflow.start(outboxRetention, {
      workflowId: `outbox-retention-test-${randomUUID()}`,
      taskQueue: temporal.taskQueue,
      args: [{ retentionDays: 7 }],
    });
    const result = await worker.runUntil(handle.result());
    await recordHistory('outbox-retention', handle);

    expect(result).toEqual({ deleted: 1 });
    const left = await db.prisma.outboxEvent.findMany({ select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([recentDelivered.id, oldUndelivered.id].sort());
  });
});
