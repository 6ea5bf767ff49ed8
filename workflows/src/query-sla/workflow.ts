import {
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { slaBreachedKey } from '../search-attributes.js';
import type { createQuerySlaActivities } from './activities.js';
import type { QuerySlaInput, QuerySlaOutcome } from './input.js';
import { querySlaStatusQuery, replyRecordedSignal, type QuerySlaStatus, type ReplyRecorded } from './messages.js';

const { markQueryEscalated } = proxyActivities<ReturnType<typeof createQuerySlaActivities>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m', nonRetryableErrorTypes: ['QueryNotFound'] },
  summary: 'mark the query escalated: first-reply deadline missed',
});

/**
 * The 1-hour promise for one customer query: wait for the first reply until the deadline; if it
 * does not come, escalate (the query is marked, ops can see it) and keep waiting, because a late
 * reply still has to be recorded.
 */
export async function querySla(input: QuerySlaInput): Promise<QuerySlaOutcome> {
  const { queryId, policy } = input;
  const firstReplyDueAtMs = Date.parse(input.submittedAt) + msToNumber(policy.firstReply);
  let firstReply: ReplyRecorded | undefined;
  let breached = false;

  setHandler(replyRecordedSignal, (reply) => {
    firstReply ??= reply;
  });
  setHandler(querySlaStatusQuery, (): QuerySlaStatus => ({
    queryId,
    stage: firstReply ? 'answered' : breached ? 'escalated' : 'awaiting_first_reply',
    firstReplyDueAt: new Date(firstReplyDueAtMs).toISOString(),
    firstReply: firstReply ?? null,
    breached,
  }));

  // Workflow time (Date.now() here is the SDK's deterministic clock), measured from submission so
  // a late-starting workflow does not grant extra time.
  const timeLeftMs = Math.max(0, firstReplyDueAtMs - Date.now());
  const repliedInTime = await condition(() => firstReply !== undefined, timeLeftMs, {
    summary: `first-reply deadline ${policy.firstReply}`,
  });

  if (!repliedInTime) {
    breached = true;
    upsertSearchAttributes([{ key: slaBreachedKey, value: true }]);
    log.warn('first-reply deadline missed; escalating', { queryId });
    await markQueryEscalated(queryId);
    await condition(() => firstReply !== undefined);
  }

  const reply = firstReply!;
  return repliedInTime
    ? { queryId, result: 'replied_in_time', firstReply: reply }
    : { queryId, result: 'replied_after_breach', firstReply: reply };
}
