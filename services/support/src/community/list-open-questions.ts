import type { PrismaClient } from '@guild/db';
import { invalidCursor } from '@guild/platform';
import { toCommunityQuestionItem } from './question-view.js';

/**
 * Unanswered community questions of queries still in progress, oldest first: the longest-waiting
 * customer is helped first, and a question whose query was resolved or closed leaves the list.
 */
export async function listOpenQuestions(prisma: PrismaClient, page: { limit: number; cursor?: string | undefined }) {
  const cursor = page.cursor ?? null;
  if (cursor && (await prisma.communityQuestion.count({ where: { id: cursor } })) === 0) throw invalidCursor();
  const rows = await prisma.$queryRaw<{ id: string; question: string; openedAt: Date }[]>`
    SELECT cq.id, cq.question, cq.opened_at AS "openedAt"
      FROM support.community_question cq
      JOIN support.query q ON q.id = cq.query_id
     WHERE cq.answered_at IS NULL
       AND q.status NOT IN ('resolved', 'closed')
       AND (${cursor}::uuid IS NULL OR (cq.opened_at, cq.id) > (
             SELECT c.opened_at, c.id FROM support.community_question c WHERE c.id = ${cursor}::uuid))
     ORDER BY cq.opened_at, cq.id
     LIMIT ${page.limit + 1}`;
  const items = rows.slice(0, page.limit);
  return { items: items.map(toCommunityQuestionItem), nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
