import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, serviceTokenSource, signToken } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';
import { createServer } from '@guild/support/server';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../test/histories.js';
import { connectTestTemporal, workflowsPath } from '../../test/temporal.js';
import { createServiceClient } from '../shared/service-client.js';
import { createOutboxRetentionActivities } from './activities.js';
import { outboxRetention } from './workflow.js';

// The worker holds no database: it asks each service to prune its own outbox over HTTP. Here the
// support service prunes; identity's rows share the database and must survive its call.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let server: ReturnType<ReturnType<typeof createServer>['listen']>;
let supportUrl: string;
beforeAll(async () => {
  db = await createTestDatabase();
  temporal = await connectTestTemporal();
  const app = createServer({ prisma: db.prisma, logger: createLogger('retention-test', 'silent'), jwtSecret: testJwtSecret, readiness: {} });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  supportUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await temporal?.close();
  await db?.drop();
});

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);
const row = (source: string, occurredAt: Date, publishedAt: Date | null) => ({
  id: randomUUID(),
  source,
  subject: `${source}.something.happened`,
  version: 1,
  payload: {},
  occurredAt,
  publishedAt,
});

describe('outbox retention', () => {
  it("deletes only the service's delivered events older than the retention, never undelivered ones", async () => {
    const oldDelivered = row('support', daysAgo(10), daysAgo(10));
    const recentDelivered = row('support', daysAgo(1), daysAgo(1));
    const oldUndelivered = row('support', daysAgo(10), null);
    const otherServiceOld = row('identity', daysAgo(10), daysAgo(10));
    await db.prisma.outboxEvent.createMany({ data: [oldDelivered, recentDelivered, oldUndelivered, otherServiceOld] });

    const support = createServiceClient('support', supportUrl, serviceTokenSource({ jwtSecret: testJwtSecret }));
    const worker = await Worker.create({
      connection: temporal.workerConnection,
      taskQueue: temporal.taskQueue,
      workflowsPath,
      // Only support answers here; the worker calls every service it is configured with.
      activities: createOutboxRetentionActivities({ services: { support } }),
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
    expect(left.map((r) => r.id).sort()).toEqual([recentDelivered.id, oldUndelivered.id, otherServiceOld.id].sort());
  });

  it('only the service role may prune, and only with a retention of at least a day', async () => {
    const call = async (role: 'ops' | 'service', body: unknown) => {
      const token = await signToken(testJwtSecret, { subject: `${role}-1`, role });
      const res = await fetch(new URL('/outbox/retention', supportUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.status;
    };
    expect(await call('ops', { olderThanDays: 7 })).toBe(403);
    expect(await call('service', { olderThanDays: 0 })).toBe(400);
    expect(await call('service', { olderThanDays: 7 })).toBe(200);
  });
});
