import { log, proxyActivities } from '@temporalio/workflow';
import { housekeeping } from '../shared/activity-presets.js';
import type { createOutboxRetentionActivities } from './activities.js';

const { pruneDeliveredEvents } = proxyActivities<ReturnType<typeof createOutboxRetentionActivities>>({
  ...housekeeping,
  summary: 'delete delivered outbox events past retention',
});

export interface OutboxRetentionInput {
  /** Published events older than this many days are removed; unpublished ones are never touched. */
  retentionDays: number;
}

/** Keeps every service's transactional outbox small: once JetStream has an event, the row is only history. */
export async function outboxRetention(input: OutboxRetentionInput): Promise<{ deleted: number }> {
  const deleted = await pruneDeliveredEvents(input.retentionDays);
  log.info('pruned delivered outbox events', { deleted, retentionDays: input.retentionDays });
  return { deleted };
}
