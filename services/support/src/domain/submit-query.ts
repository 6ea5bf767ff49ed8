import { randomUUID } from 'node:crypto';
import { querySubmitted, type SubmitQueryBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queryNeedsOpsMail } from '../mail/templates.js';
import { queueSupportMail } from './mail-outbox.js';
import { SUPPORT_SOURCE } from './source.js';
import { unknownProject } from './support-errors.js';
import { threadMessageIdOf } from './thread.js';
import type { QueryWithThread } from './query-view.js';

/** How a query arrived; a mail keeps its sender to answer and its Message-ID to thread on. */
export type QueryOrigin = { channel: 'api' } | { channel: 'email'; contactEmail: string; threadMessageId: string };

/**
 * Opens a query for a customer and hands it to their assigned expert. The query row and its
 * `support.query.submitted` event commit together, so the SLA clock can never miss a query. A
 * query nobody is assigned to alerts ops at once. `followsQueryId` links a query opened by a
 * message that came after an earlier query's reopen window. `id` is given by an opener that must
 * open a query once per cause (a detractor's survey).
 */
export async function submitQuery(
  prisma: PrismaClient,
  customerId: string,
  body: SubmitQueryBody,
  origin: QueryOrigin = { channel: 'api' },
  followsQueryId: string | null = null,
  id: string = randomUUID(),
) {
  return prisma.$transaction(async (tx) => {
    // A named project must be one of the customer's; while it is active its expert answers.
    const project = body.projectId ? await tx.customerProject.findFirst({ where: { projectId: body.projectId, customerId } }) : null;
    if (body.projectId && !project) throw unknownProject();
    const projectExpertId = project?.status === 'active' ? project.expertId : null;
    const assignment = await tx.expertAssignment.findUnique({ where: { customerId } });
    const query = await tx.query.create({
      data: {
        id,
        threadMessageId: origin.channel === 'email' ? origin.threadMessageId : threadMessageIdOf(id),
        channel: origin.channel,
        contactEmail: origin.channel === 'email' ? origin.contactEmail : null,
        customerId,
        assignedExpertId: projectExpertId ?? assignment?.expertId ?? null,
        projectId: project?.projectId ?? null,
        subject: body.subject,
        body: body.body,
        followsQueryId,
      },
    });
    await recordEvent(tx, SUPPORT_SOURCE, querySubmitted, {
      queryId: query.id,
      customerId,
      assignedExpertId: query.assignedExpertId,
      submittedAt: query.submittedAt.toISOString(),
    });
    if (!query.assignedExpertId) {
      await queueSupportMail(tx, {
        idempotencyKey: `unassigned:${query.id}`,
        template: queryNeedsOpsMail,
        data: { queryId: query.id, querySubject: query.subject, number: query.number, customerId, problem: 'unassigned' },
        to: [{ kind: 'ops' }],
      });
    }
    // A new query has no thread yet: no need to ask the database for one.
    const withThread: QueryWithThread = { ...query, replies: [], messages: [], attachments: [] };
    return withThread;
  });
}
