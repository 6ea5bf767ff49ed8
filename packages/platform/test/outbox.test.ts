import { randomUUID } from 'node:crypto';
import { queryResolved, querySubmitted } from '@guild/contracts';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureEventStream, deleteEventStream, recordEvent, startOutboxRelay, type OutboxRelay } from '../src/index.js';
import { createTestNamespace, type TestNamespace, captureLogs, eventually } from './support/kit.js';
import { eventsInStream } from './support/stream.js';

let db: TestDatabase;
let ns: TestNamespace;
const relays: OutboxRelay[] = [];
const logs = captureLogs('outbox-test');

beforeAll(async () => {
  [db, ns] = await Promise.all([createTestDatabase(), createTestNamespace()]);
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});
afterAll(async () => {
  await ns?.cleanup();
  await db?.drop();
});

function relay(source: string, extra: Partial<Parameters<typeof startOutboxRelay>[0]> = {}): OutboxRelay {
  const started = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace: ns.namespace, source, logger: logs.logger, pollMs: 50, ...extra });
  relays.push(started);
  return started;
}

const submittedPayload = () => ({
  queryId: randomUUID(),
  customerId: 'acme',
  assignedExpertId: 'alice',
  submittedAt: new Date().toISOString(),
});

/** A state change and its event, in one transaction; `fail` aborts it after both writes. */
async function submitQuery(source: string, opts: { fail?: boolean } = {}) {
  const stateId = randomUUID();
  let eventId: string | undefined;
  const attempt = db.prisma.$transaction(async (tx) => {
    await tx.processedEvent.create({ data: { consumer: `state-${source}`, eventId: stateId } });
    const envelope = await recordEvent(tx, source, querySubmitted, submittedPayload());
    eventId = envelope.id;
    if (opts.fail) throw new Error('the business rule refused it');
    return envelope;
  });
  if (opts.fail) {
    await expect(attempt).rejects.toThrow('refused');
    return { stateId, eventId: eventId! };
  }
  const envelope = await attempt;
  return { stateId, eventId: envelope.id, envelope };
}

const outboxRow = (id: string) => db.prisma.outboxEvent.findUnique({ where: { id } });
const published = (id: string) => eventually(`event ${id} marked published`, async () => (await outboxRow(id))?.publishedAt ?? undefined);
const copiesInStream = async (id: string) => (await eventsInStream(ns.nc, ns.namespace)).filter((e) => e.id === id).length;

describe('recording events in the outbox', () => {
  it('a committed transaction keeps both the state change and its event', async () => {
    const { stateId, eventId, envelope } = await submitQuery('commit-test');
    expect(await db.prisma.processedEvent.count({ where: { eventId: stateId } })).toBe(1);
    const row = await outboxRow(eventId);
    expect(row).toMatchObject({ source: 'commit-test', subject: 'support.query.submitted', version: 1, publishedAt: null, attempts: 0 });
    expect(row?.payload).toEqual(envelope?.payload);
  });

  it('a rolled-back transaction leaves neither', async () => {
    const { stateId, eventId } = await submitQuery('rollback-test', { fail: true });
    expect(await db.prisma.processedEvent.count({ where: { eventId: stateId } })).toBe(0);
    expect(await outboxRow(eventId)).toBeNull();
  });

  it('a payload that breaks its event schema is refused before anything is written', async () => {
    await expect(
      db.prisma.$transaction((tx) =>
        recordEvent(tx, 'schema-test', querySubmitted, { ...submittedPayload(), queryId: 'not-a-uuid' }),
      ),
    ).rejects.toThrow(/support\.query\.submitted v1 payload is invalid/);
    expect(await db.prisma.outboxEvent.count({ where: { source: 'schema-test' } })).toBe(0);
  });
});

describe('the outbox relay', () => {
  it('publishes recorded events to JetStream in the order they were recorded, then marks them published', async () => {
    const source = 'order-test';
    const envelopes = await db.prisma.$transaction(async (tx) => [
      await recordEvent(tx, source, querySubmitted, submittedPayload()),
      await recordEvent(tx, source, queryResolved, { queryId: randomUUID(), customerId: 'acme', resolvedAt: new Date().toISOString(), by: 'alice' }),
      await recordEvent(tx, source, querySubmitted, submittedPayload()),
    ]);
    relay(source).nudge();
    for (const envelope of envelopes) await published(envelope.id);

    const received = (await eventsInStream(ns.nc, ns.namespace)).filter((e) => e.source === source);
    expect(received.map((e) => e.id)).toEqual(envelopes.map((e) => e.id));
    expect(received[1]).toEqual({ ...envelopes[1], wireSubject: `${ns.namespace}.support.query.resolved` });
  });

  it('a relay that dies between publishing and marking sent leaves the event to the next one, and it arrives exactly once', async () => {
    const source = 'crash-after-publish';
    const { eventId } = await submitQuery(source);
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const first = relay(source, {
      afterPublish: async () => {
        died();
        throw new Error('simulated crash after publish');
      },
    });
    await dead;
    await first.stop();
    expect((await outboxRow(eventId))?.publishedAt).toBeNull();
    expect(await copiesInStream(eventId)).toBe(1);

    relay(source);
    await published(eventId);
    expect(await copiesInStream(eventId)).toBe(1);
  });

  it('a relay that dies before publishing leaves the event pending; the next relay delivers it once', async () => {
    const source = 'crash-before-publish';
    const { eventId } = await submitQuery(source);
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const first = relay(source, {
      beforePublish: async () => {
        died();
        throw new Error('simulated crash before publish');
      },
    });
    await dead;
    await first.stop();
    expect(await copiesInStream(eventId)).toBe(0);

    relay(source);
    await published(eventId);
    expect(await copiesInStream(eventId)).toBe(1);
  });

  it('several relays share the work without publishing any event twice', async () => {
    const source = 'many-relays';
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await submitQuery(source)).eventId);
    const publishes = new Map<string, number>();
    const count = async (id: string) => {
      publishes.set(id, (publishes.get(id) ?? 0) + 1);
    };
    for (let i = 0; i < 3; i++) relay(source, { batchSize: 4, afterPublish: count });
    for (const id of ids) await published(id);

    expect([...publishes.keys()].sort()).toEqual([...ids].sort());
    expect([...publishes.values()].every((n) => n === 1)).toBe(true);
  });

  it('only publishes the events of its own source', async () => {
    const mine = await submitQuery('source-a');
    const theirs = await submitQuery('source-b');
    const relayA = relay('source-a');
    await published(mine.eventId);
    await relayA.drainOnce();
    expect((await outboxRow(theirs.eventId))?.publishedAt).toBeNull();
  });

  it('a failed publish is counted, logged with the event, and retried until it succeeds', async () => {
    const source = 'publish-failure';
    const namespace = `${ns.namespace}_nostream`;
    const { eventId } = await submitQuery(source);
    const failing = startOutboxRelay({ prisma: db.prisma, nc: ns.nc, namespace, source, logger: logs.logger, pollMs: 50 });
    relays.push(failing);
    const failed = await eventually('a recorded publish failure', async () => {
      const row = await outboxRow(eventId);
      return row && row.attempts > 0 ? row : undefined;
    });
    expect(failed.publishedAt).toBeNull();
    expect(failed.lastError).toBeTruthy();
    expect(logs.entries().some((line) => line['eventId'] === eventId && line['subject'] === 'support.query.submitted' && line['level'] === 50)).toBe(true);

    await ensureEventStream(ns.nc, namespace);
    try {
      await published(eventId);
      expect((await eventsInStream(ns.nc, namespace)).map((e) => e.id)).toEqual([eventId]);
    } finally {
      await failing.stop();
      await deleteEventStream(ns.nc, namespace);
    }
  });
});
