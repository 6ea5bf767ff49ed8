import type { QueryView } from '@guild/contracts';
import type { Query, QueryReply } from '@guild/db';

/** The API's picture of a query: dates as ISO strings, replies oldest first. */
export function toQueryView(query: Query & { replies: QueryReply[] }): QueryView {
  return {
    id: query.id,
    customerId: query.customerId,
    assignedExpertId: query.assignedExpertId,
    subject: query.subject,
    body: query.body,
    status: query.status,
    submittedAt: query.submittedAt.toISOString(),
    firstRepliedAt: query.firstRepliedAt?.toISOString() ?? null,
    escalatedAt: query.escalatedAt?.toISOString() ?? null,
    replies: query.replies.map((r) => ({
      id: r.id,
      expertId: r.expertId,
      answer: r.answer,
      etaMinutes: r.etaMinutes,
      etaAt: r.etaAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
