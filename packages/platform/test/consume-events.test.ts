import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@guild/contracts';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consumeEvents, streamName, wireSubject } from '../src/index.js';
import { createTestNamespace, type TestNamespace, captureLogs, eventually } from './support/kit.js';

let db: TestDatabase;
let ns: TestNamespace;
const cleanups: (() => Promise<void>)[] = [];
const logs = captureLogs('consumer-test');

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});
// Each test gets a stream of its own: durable consumers start from the stream's first message.
beforeEach(async () => {
  ns = await createTestNamespace();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await ns.cleanup();
});

function envelope(subject = 'support.query.submitted', id = randomUUID(), queryId = randomUUID()): EventEnvelope {
  return { id, subject, version: 1, source: 'test', occurredAt: new Date().toISOString(), payload: { queryId } };
}

async function publish(event: EventEnvelope, msgID = event.id) {
  await jetstream(ns.nc).publish(wireSubject(ns.namespace, event.subject), JSON.stringify(event), { msgID });
}

async function publishRaw(subject: string, data: string) {
  await jetstream(ns.nc).publish(wireSubject(ns.namespace, subject), data);
}

function consume(
  durable: string,
  handle: (event: EventEnvelope) => Promise<void>,
  extra: { idempotency?: boolean; subjects?: string[]; ackWaitMs?: number; concurrency?: number; orderKeys?: (e: EventEnvelope) => string[] } = {},
) {
  const consumer = consumeEvents({
    nc: ns.nc,
    namespace: ns.namespace,
    durable,
    subjects: extra.subjects ?? ['support.query.submitted'],
    logger: logs.logger,
    ...(extra.idempotency === false ? {} : { idempotency: { prisma: db.prisma } }),
    ...(extra.ackWaitMs ? { ackWaitMs: extra.ackWaitMs } : {}),
    ...(extra.concurrency ? { concurrency: extra.concurrency, orderKeys: extra.orderKeys } : {}),
    handle,
  });
  cleanups.push(() => consumer.stop());
  return consumer;
}

/** The durable has acknowledged everything in its stream: nothing pending, nothing unacked. */
async function settled(durable: string) {
  const jsm = await jetstreamManager(ns.nc);
  return eventually(`consumer ${durable} to acknowledge every message`, async () => {
    const info = await jsm.consumers.info(streamName(ns.namespace), durable).catch(() => undefined);
    return info && info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq > 0 ? info : undefined;
  });
}

describe('consuming events', () => {
  it('an event delivered twice is handled once, and recorded as processed', async () => {
    const handled: string[] = [];
    const event = envelope();
    consume('dup-consumer', async (e) => {
      handled.push(e.id);
    });
    await publish(event);
    // A second copy that slips past the stream's dedupe window, as a republish after two minutes would.
    await publish(event, `${event.id}-again`);
    await settled('dup-consumer');

    expect(handled).toEqual([event.id]);
    expect(await db.prisma.processedEvent.count({ where: { consumer: 'dup-consumer', eventId: event.id } })).toBe(1);
  });

  it('a poison message is terminated with a log line naming its subject, and the events after it still flow', async () => {
    const handled: string[] = [];
    const good = envelope();
    consume('poison-consumer', async (e) => {
      handled.push(e.id);
    });
    await publishRaw('support.query.submitted', 'this is not an event');
    await publishRaw('support.query.submitted', JSON.stringify({ id: 'not-a-uuid', subject: 'x' }));
    await publish(good);
    await eventually('the good event', async () => (handled.length > 0 ? handled : undefined));
    await settled('poison-consumer');

    expect(handled).toEqual([good.id]);
    const poison = logs.entries().filter((line) => line['durable'] === 'poison-consumer' && String(line['msg']).includes('poison'));
    expect(poison).toHaveLength(2);
    expect(poison[0]?.['subject']).toBe(wireSubject(ns.namespace, 'support.query.submitted'));
  });

  it('a handler failure is logged with the event and redelivered until it succeeds', async () => {
    const event = envelope();
    let attempts = 0;
    consume('flaky-consumer', async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('temporal is unavailable');
    });
    await publish(event);
    await eventually('the second attempt', async () => (attempts >= 2 ? attempts : undefined));
    await settled('flaky-consumer');

    expect(attempts).toBe(2);
    expect(await db.prisma.processedEvent.count({ where: { consumer: 'flaky-consumer', eventId: event.id } })).toBe(1);
    const failure = logs.entries().find((line) => line['durable'] === 'flaky-consumer' && line['level'] === 40);
    expect(failure).toMatchObject({ eventId: event.id, subject: 'support.query.submitted', delivery: 1 });
  });

  it('only the subjects asked for reach the handler', async () => {
    const handled: string[] = [];
    consume(
      'subjects-consumer',
      async (e) => {
        handled.push(e.subject);
      },
      { subjects: ['support.query.submitted', 'support.query.resolved'] },
    );
    await publish(envelope('support.query.submitted'));
    await publish(envelope('support.query.replied'));
    await publish(envelope('support.query.resolved'));
    const info = await settled('subjects-consumer');

    expect(handled.sort()).toEqual(['support.query.resolved', 'support.query.submitted']);
    // The server filters: the event nobody asked for is never delivered, not delivered and dropped here.
    expect(info.delivered.consumer_seq).toBe(2);
  });

  it('a consumer restarted with more subjects receives the new ones from its durable', async () => {
    const handled: string[] = [];
    const first = consume('growing-consumer', async (e) => {
      handled.push(e.subject);
    });
    await publish(envelope('support.query.submitted'));
    await eventually('the first event', async () => (handled.length === 1 ? true : undefined));
    await first.stop();

    await publish(envelope('support.query.resolved'));
    consume(
      'growing-consumer',
      async (e) => {
        handled.push(e.subject);
      },
      { subjects: ['support.query.submitted', 'support.query.resolved'] },
    );
    await eventually('the event of the added subject', async () => (handled.length === 2 ? true : undefined));
    await settled('growing-consumer');
    expect(handled).toEqual(['support.query.submitted', 'support.query.resolved']);
  });

  it('a restarted consumer resumes where its durable left off', async () => {
    const handled: string[] = [];
    const first = consume('durable-consumer', async (e) => {
      handled.push(e.id);
    });
    const before = envelope();
    await publish(before);
    await eventually('the first event', async () => (handled.length === 1 ? true : undefined));
    await first.stop();

    const after = envelope();
    await publish(after);
    consume('durable-consumer', async (e) => {
      handled.push(e.id);
    });
    await eventually('the second event', async () => (handled.length === 2 ? true : undefined));
    await settled('durable-consumer');
    expect(handled).toEqual([before.id, after.id]);
  });

  it('a consumer whose durable is deleted under it recreates it and carries on, without handling an event twice', async () => {
    const handled: string[] = [];
    consume('recreated-consumer', async (e) => {
      handled.push(e.id);
    });
    const before = envelope();
    await publish(before);
    await eventually('the first event', async () => (handled.length === 1 ? true : undefined));
    await (await jetstreamManager(ns.nc)).consumers.delete(streamName(ns.namespace), 'recreated-consumer');

    const after = envelope();
    await publish(after);
    await eventually('the event published after the deletion', async () => (handled.includes(after.id) ? true : undefined));
    await settled('recreated-consumer');
    expect(handled).toEqual([before.id, after.id]);
  });

  it('a handler slower than the ack wait keeps its claim: the event is not delivered again meanwhile', async () => {
    let attempts = 0;
    consume(
      'slow-consumer',
      async () => {
        attempts += 1;
        await new Promise((resolve) => setTimeout(resolve, 2_500));
      },
      { idempotency: false, ackWaitMs: 1_000 },
    );
    await publish(envelope());
    await settled('slow-consumer');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(attempts).toBe(1);
  });

  it('in parallel, a slow workflow holds back only its own later events, which still arrive in order', async () => {
    const slowQuery = randomUUID();
    const first = envelope(undefined, undefined, slowQuery);
    const other = envelope();
    const second = envelope(undefined, undefined, slowQuery);
    const order: string[] = [];
    let otherHandled!: () => void;
    const otherDone = new Promise<void>((resolve) => (otherHandled = resolve));
    consume(
      'lanes-consumer',
      async (e) => {
        // The slow query's first event finishes only after the other query's event was handled beside it.
        if (e.id === first.id) await otherDone;
        order.push(e.id);
        if (e.id === other.id) otherHandled();
      },
      { concurrency: 4, orderKeys: (e) => [`query:${(e.payload as { queryId: string }).queryId}`] },
    );
    await publish(first);
    await publish(other);
    await publish(second);
    await settled('lanes-consumer');

    expect(order).toEqual([other.id, first.id, second.id]);
  });
});
