import { log, proxyActivities } from '@temporalio/workflow';
import type { createOutboxRetentionActivities } from './activities.js';

const { pruneDeliveredEvents } = proxyActivities<ReturnType<typeof createOutboxRetentionActivities>>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', maximumInterval: '5m' },
  summary: 'delete delivered outbox events past retention',
});

export interface OutboxRetentionInput {
  /** Published events older than this many days are removed; unpublished ones are never touched. */
  retentionDays: number;
}

/** Keeps the transactional outbox small: once JetStream has an event, the row is only history. */
export async function outboxRetention(input: OutboxRetentionInput): Promise<{ deleted: number }> {
  const deleted = await pruneDeliveredEvents(input.retentionDays);
  log.info('pruned delivered outbox events', { deleted, retentionDays: input.retentionDays });
  return { deleted };
}
