import { eventEnvelopeSchema, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { eventLanes } from './event-lanes.js';
import type { Logger } from './logger.js';
import { streamName, wireSubject } from './nats.js';
import { interruptibleSleep } from './polling-relay.js';

export interface ConsumeEventsOptions {
  nc: NatsConnection;
  namespace: string;
  /** The durable consumer's name; also the idempotency key's consumer part. */
  durable: string;
  /** Business subjects, e.g. `support.query.submitted`; the namespace prefix is added here. */
  subjects: string[];
  logger: Logger;
  /** Record handled events in platform.processed_event and skip ones already handled. */
  idempotency?: { prisma: PrismaClient };
  handle: (envelope: EventEnvelope) => Promise<void>;
  /** How long JetStream waits for an ack before redelivering; default 30 s. */
  ackWaitMs?: number;
  /** Deliveries before JetStream gives up on a message; default unlimited, so no event is dropped. */
  maxDeliver?: number;
  /** Events handled at once; default 1 (one at a time, in stream order). */
  concurrency?: number;
  /**
   * What must stay in order, e.g. the workflow an event is for: events sharing a key are handled one
   * after the other in stream order, others side by side. Default: one key for all.
   */
  orderKeys?: (envelope: EventEnvelope) => readonly string[];
}

const maxRetryDelayMs = 60_000;
const defaultAckWaitMs = 30_000;

/** 1 s, 2 s, 4 s … capped at a minute: a failing dependency gets time to recover. */
function retryDelayMs(deliveryCount: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, deliveryCount - 1), maxRetryDelayMs);
}

async function openConsumer(opts: ConsumeEventsOptions, wireSubjects: string[]) {
  const jsm = await jetstreamManager(opts.nc);
  const stream = streamName(opts.namespace);
  // The server delivers only these subjects (filter_subjects, NATS ≥ 2.10); a restart with other
  // subjects updates the durable in place.
  const settings = {
    filter_subjects: wireSubjects,
    ack_wait: nanos(opts.ackWaitMs ?? defaultAckWaitMs),
    max_deliver: opts.maxDeliver ?? -1,
  };
  try {
    await jsm.consumers.info(stream, opts.durable);
    await jsm.consumers.update(stream, opts.durable, settings);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(stream, {
      durable_name: opts.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ...settings,
    });
  }
  return jetstream(opts.nc).consumers.get(stream, opts.durable);
}

/**
 * Runs a durable pull consumer until `stop()`: each event is handled, recorded as processed (with
 * idempotency) and only then acked. Failures are redelivered with backoff; messages that are not
 * event envelopes are terminated so they cannot block the stream. With `concurrency` above 1, events
 * whose `orderKeys` differ are handled side by side; those sharing a key keep the stream's order.
 */
export function consumeEvents(opts: ConsumeEventsOptions): { stop(): Promise<void> } {
  if (opts.subjects.length === 0) throw new Error(`consumer ${opts.durable} names no subjects`);
  const { logger, durable } = opts;
  const wireSubjects = opts.subjects.map((subject) => wireSubject(opts.namespace, subject));
  const ackWaitMs = opts.ackWaitMs ?? defaultAckWaitMs;
  let stopped = false;
  let messages: ConsumerMessages | undefined;
  const pause = interruptibleSleep();
  const concurrency = opts.concurrency ?? 1;
  const lanes = eventLanes(concurrency);
  const inOneLane = ['all'];

  async function alreadyProcessed(eventId: string): Promise<boolean> {
    if (!opts.idempotency) return false;
    // Raw statements: this runs for every event, and Prisma's query building cost more than the lookup.
    const rows = await opts.idempotency.prisma.$queryRaw<unknown[]>`
      SELECT 1 FROM platform.processed_event WHERE consumer = ${durable} AND event_id = ${eventId}::uuid`;
    return rows.length > 0;
  }

  async function markProcessed(eventId: string): Promise<void> {
    if (!opts.idempotency) return;
    // A concurrent delivery of the same event may have recorded it first; that is the same fact.
    await opts.idempotency.prisma.$executeRaw`
      INSERT INTO platform.processed_event (consumer, event_id) VALUES (${durable}, ${eventId}::uuid) ON CONFLICT DO NOTHING`;
  }

  function orderKeysOf(envelope: EventEnvelope): readonly string[] {
    if (!opts.orderKeys) return inOneLane;
    try {
      return opts.orderKeys(envelope);
    } catch (error) {
      logger.warn({ durable, eventId: envelope.id, subject: envelope.subject, err: error }, 'event names no order key; kept in order with its subject');
      return [`subject:${envelope.subject}`];
    }
  }

  // Admitted to a lane, an event may wait behind others of its key: until it is acked, JetStream is
  // told it is still being worked on, so it is not redelivered meanwhile.
  async function admit(m: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = eventEnvelopeSchema.parse(m.json());
    } catch {
      logger.error({ durable, subject: m.subject, streamSequence: m.seq }, 'poison message: not an event envelope; terminated');
      m.term('not an event envelope');
      return;
    }
    const stillWorking = setInterval(() => m.working(), ackWaitMs / 2);
    const { done } = await lanes.admit(orderKeysOf(envelope), () => handleMessage(m, envelope));
    void done.finally(() => clearInterval(stillWorking));
  }

  async function handleMessage(m: JsMsg, envelope: EventEnvelope): Promise<void> {
    const about = { durable, eventId: envelope.id, subject: envelope.subject, delivery: m.info.deliveryCount };
    try {
      if (await alreadyProcessed(envelope.id)) {
        logger.debug(about, 'event already processed; acknowledged without handling');
        m.ack();
        return;
      }
      await opts.handle(envelope);
      await markProcessed(envelope.id);
      m.ack();
    } catch (error) {
      const delayMs = retryDelayMs(m.info.deliveryCount);
      logger.warn({ ...about, err: error, retryInMs: delayMs }, 'event handling failed; it will be redelivered');
      m.nak(delayMs);
    }
  }

  async function watchNotifications(current: ConsumerMessages): Promise<void> {
    for await (const notice of current.status()) {
      if (notice.type === 'consumer_deleted' || notice.type === 'consumer_not_found' || notice.type === 'stream_not_found') {
        // The consume loop would wait forever for a consumer that is gone; restarting recreates it.
        logger.warn({ durable, notice: notice.type }, 'event consumer lost its consumer; restarting');
        current.stop();
      } else if (notice.type === 'heartbeats_missed') {
        logger.warn({ durable, missed: notice.count }, 'event consumer missed heartbeats; NATS may be unreachable');
      }
    }
  }

  const running = (async () => {
    let failures = 0;
    while (!stopped && !opts.nc.isClosed()) {
      try {
        const consumer = await openConsumer(opts, wireSubjects);
        if (stopped) break;
        // A small prefetch: buffered messages are already on the ack-wait clock while they queue here.
        messages = await consumer.consume({ max_messages: Math.max(10, concurrency) });
        void watchNotifications(messages);
        logger.info({ durable, subjects: opts.subjects }, 'event consumer running');
        failures = 0;
        for await (const m of messages) await admit(m);
      } catch (error) {
        if (stopped) break;
        failures += 1;
        logger.error({ err: error, durable }, 'event consumer failed; restarting');
      }
      if (!stopped) await pause.sleep(Math.min(1_000 * Math.max(1, failures), 10_000));
    }
    // Events already admitted finish (and are acked) before the consumer reports stopped.
    await lanes.drain();
    if (!stopped) logger.error({ durable }, 'NATS connection closed; event consumer stopped');
  })();

  return {
    async stop() {
      stopped = true;
      pause.wake();
      messages?.stop();
      await running;
    },
  };
}
