import type { EventEnvelope } from '@guild/contracts';
import type { Prisma, PrismaClient } from '@guild/db';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from './logger.js';
import { wireSubject } from './nats.js';
import { startPollingRelay, type PollingRelay } from './polling-relay.js';

export interface OutboxRelayOptions {
  prisma: PrismaClient;
  nc: NatsConnection;
  namespace: string;
  /** Only this source's rows are published: each service relays its own events. */
  source: string;
  logger: Logger;
  /** Pause between passes when idle; `nudge()` cuts it short. Default 200 ms. */
  pollMs?: number;
  /** Rows claimed per pass. Default 100. */
  batchSize?: number;
  /** Test-only crash points: throwing here kills the pass as a crash at that moment would. */
  beforePublish?: (eventId: string) => Promise<void>;
  afterPublish?: (eventId: string) => Promise<void>;
}

export type OutboxRelay = PollingRelay;

type OutboxRow = { id: string; subject: string; version: number; source: string; payload: unknown; occurredAt: Date; attempts: number };

/**
 * Publishes this source's outbox rows to JetStream, oldest first. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several relays share the work without publishing a row twice at
 * the same time; the lock is held until the row is marked published. A relay that dies after
 * publishing but before that commit leaves the row pending: the next relay publishes it again
 * with the same `msgID`, and the stream's duplicate window drops the copy.
 */
export function startOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const { prisma, logger, source } = opts;
  const pollMs = opts.pollMs ?? 200;
  const batchSize = opts.batchSize ?? 100;
  const js = jetstream(opts.nc);

  async function publishPending(): Promise<number> {
    // Publishing happens while the rows are locked, so the transaction must outlive slow publishes.
    return prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<OutboxRow[]>`
          SELECT id, subject, version, source, payload, occurred_at AS "occurredAt", attempts
            FROM platform.outbox_event
           WHERE source = ${source} AND published_at IS NULL
           ORDER BY occurred_at, id
           LIMIT ${batchSize}
           FOR UPDATE SKIP LOCKED`;
        const publishedIds: string[] = [];
        for (const row of rows) {
          await opts.beforePublish?.(row.id);
          const ok = await publishOne(tx, row);
          // Later events never overtake one that failed: the rest wait for the next pass.
          if (!ok) break;
          await opts.afterPublish?.(row.id);
          publishedIds.push(row.id);
        }
        // One statement marks the whole batch: a statement per row cost more than its publish.
        if (publishedIds.length > 0) {
          await tx.$executeRaw`UPDATE platform.outbox_event SET published_at = now() WHERE id = ANY(${publishedIds}::uuid[])`;
        }
        return publishedIds.length;
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  }

  async function publishOne(tx: Prisma.TransactionClient, row: OutboxRow): Promise<boolean> {
    const envelope: EventEnvelope = {
      id: row.id,
      subject: row.subject,
      version: row.version,
      source: row.source,
      occurredAt: row.occurredAt.toISOString(),
      payload: row.payload,
    };
    try {
      const ack = await js.publish(wireSubject(opts.namespace, row.subject), JSON.stringify(envelope), { msgID: row.id });
      logger.debug({ eventId: row.id, subject: row.subject, duplicate: ack.duplicate, seq: ack.seq }, 'event published');
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(
        { eventId: row.id, subject: row.subject, attempts: row.attempts + 1, err: error },
        'publishing an event failed; it will be retried',
      );
      await tx.outboxEvent.update({
        where: { id: row.id },
        data: { attempts: { increment: 1 }, lastError: message.slice(0, 2_000) },
      });
      return false;
    }
  }

  return startPollingRelay({ name: `outbox relay (${source})`, logger, pollMs, batchSize, pass: publishPending });
}
