import type { QueryView } from '@guild/contracts';
import type { Attachment, CustomerMessage, Query, QueryReply } from '@guild/db';

export type QueryWithThread = Query & { replies: QueryReply[]; messages: CustomerMessage[]; attachments: Attachment[] };

/** Everything a query view shows, oldest first; every loader includes this. */
export const queryThread = {
  replies: { orderBy: { createdAt: 'asc' } },
  messages: { orderBy: { receivedAt: 'asc' } },
  attachments: { orderBy: { createdAt: 'asc' } },
} as const;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The API's picture of a query: dates as ISO strings, the thread oldest first. */
export function toQueryView(query: QueryWithThread): QueryView {
  return {
    id: query.id,
    number: query.number,
    customerId: query.customerId,
    assignedExpertId: query.assignedExpertId,
    subject: query.subject,
    body: query.body,
    status: query.status,
    channel: query.channel,
    submittedAt: query.submittedAt.toISOString(),
    firstRepliedAt: iso(query.firstRepliedAt),
    replyDueAt: iso(query.replyDueAt),
    etaAt: iso(query.etaAt),
    slaBreached: query.slaBreached,
    breachedAt: iso(query.breachedAt),
    resolvedAt: iso(query.resolvedAt),
    closedAt: iso(query.closedAt),
    closeNote: query.closeNote,
    projectId: query.projectId,
    minutesLogged: query.minutesLogged,
    resolutionProposedAt: iso(query.resolutionProposedAt),
    reopenedAt: iso(query.reopenedAt),
    followsQueryId: query.followsQueryId,
    replies: query.replies.map((r) => ({
      id: r.id,
      expertId: r.expertId,
      kind: r.kind,
      answer: r.answer,
      needInfo: (r.needInfo as QueryView['replies'][number]['needInfo']) ?? null,
      taskRequestId: r.taskRequestId,
      taskId: r.taskId,
      etaMinutes: r.etaMinutes,
      etaAt: iso(r.etaAt),
      createdAt: r.createdAt.toISOString(),
    })),
    messages: query.messages.map((m) => ({ id: m.id, body: m.body, channel: m.channel, receivedAt: m.receivedAt.toISOString() })),
    attachments: query.attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
