import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { createTestDatabase } from '@guild/db/testing';
import { createServer } from '@guild/payouts/server';
import { stripeConnect } from '@guild/payouts/stripe';
import { createLogger } from '@guild/platform';
import { eventually, listenOnFreePort, testJwtSecret } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payoutCycle } from '../src/expert-payout/cycle-workflow.js';
import { connectTestTemporal } from './temporal.js';
import { startWorkerProcess, type WorkerProcess } from './worker-process.js';

// The payout cycle with its worker killed (SIGKILL) in the middle: the second expert's credit is
// held in the service until the worker is dead, then committed with nobody left to hear the answer.
// A new worker retries it; the ledger must still hold each approved entry of the period exactly once.
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let http: Awaited<ReturnType<typeof listenOnFreePort>>;
const workers: WorkerProcess[] = [];

let credits = 0;
let reachHeldCredit: () => void;
const heldCreditReached = new Promise<void>((resolve) => (reachHeldCredit = resolve));
let releaseHeldCredit: () => void;
const heldCreditReleased = new Promise<void>((resolve) => (releaseHeldCredit = resolve));

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = await connectTestTemporal();
  const stripe = stripeConnect({ secretKey: 'sk_test_payouts', apiUrl: process.env.STRIPE_API_URL ?? 'http://127.0.0.1:12111' });
  const app = createServer({ prisma: db.prisma, logger: createLogger('payout-crash-test', 'silent'), jwtSecret: testJwtSecret, readiness: {}, stripe, listing: async () => null });
  const holdingSecondCredit: RequestListener = (req, res) => {
    if (req.method === 'POST' && req.url?.endsWith('/credits') && ++credits === 2) {
      reachHeldCredit();
      void heldCreditReleased.then(() => app(req, res));
      return;
    }
    app(req, res);
  };
  http = await listenOnFreePort(holdingSecondCredit);
});
afterAll(async () => {
  releaseHeldCredit();
  for (const worker of workers) await worker.kill();
  await http?.close();
  await temporal?.close();
  await db?.drop();
});

const cycle = '2026-11-30';
async function approvedWork(expertId: string, minutes: number, rateCents: number, approvedAt = '2026-11-20T12:00:00Z') {
  await db.prisma.approvedWork.create({
    data: { timeEntryId: randomUUID(), expertId, projectId: randomUUID(), minutes, expertRateCents: rateCents, amountCents: (minutes * rateCents) / 60, day: new Date(approvedAt.slice(0, 10)), approvedAt: new Date(approvedAt) },
  });
}

describe('the payout cycle when its worker is killed mid-cycle', () => {
  it('credits exactly the approved work of the period once after a restarted worker finishes it', async () => {
    await approvedWork('gus', 120, 6000);
    await approvedWork('hana', 60, 9000);
    await approvedWork('hana', 30, 9000);
    await approvedWork('ivan', 90, 4000);
    await approvedWork('ivan', 60, 4000, '2026-12-01T09:00:00Z'); // approved after the cycle closed: the next cycle's

    workers.push(await startWorkerProcess(temporal.taskQueue, { PAYOUTS_URL: http.baseUrl }));
    const handle = await temporal.client.workflow.start(payoutCycle, { workflowId: `payout-cycle-crash-${randomUUID()}`, taskQueue: temporal.taskQueue, args: [{ cycle }] });
    await heldCreditReached;
    await workers[0]!.kill();
    releaseHeldCredit();
    // The held credit commits although the worker that asked is gone.
    await eventually('the orphaned credit committed', async () => ((await db.prisma.ledgerEntry.count({ where: { expertId: 'hana' } })) === 2 ? true : undefined));

    workers.push(await startWorkerProcess(temporal.taskQueue, { PAYOUTS_URL: http.baseUrl }));
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ cycle, experts: 3 });

    const credited = await db.prisma.ledgerEntry.groupBy({ by: ['expertId'], where: { kind: 'work_credited' }, _count: true, _sum: { amountCents: true }, orderBy: { expertId: 'asc' } });
    expect(credited.map((c) => ({ expertId: c.expertId, entries: c._count, cents: c._sum.amountCents }))).toEqual([
      { expertId: 'gus', entries: 1, cents: 12_000 },
      { expertId: 'hana', entries: 2, cents: 13_500 },
      { expertId: 'ivan', entries: 1, cents: 6_000 },
    ]);
    expect(await db.prisma.ledgerEntry.count()).toBe(4);
    expect(await db.prisma.outboundMail.count({ where: { template: 'payouts.statement' } })).toBe(3);
    expect(credits).toBeGreaterThan(3); // the killed worker's credit was asked for again
  }, 90_000);
});
