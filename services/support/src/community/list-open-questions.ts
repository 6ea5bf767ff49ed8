import type { PrismaClient } from '@guild/db';
import { communityQuestionItem, toCommunityQuestionItem } from './question-view.js';

/** Unanswered community questions, oldest first: the longest-waiting customer is helped first. */
export async function listOpenQuestions(prisma: PrismaClient, page: { limit: number; cursor?: string | undefined }) {
  const rows = await prisma.communityQuestion.findMany({
    where: { answeredAt: null },
    select: communityQuestionItem,
    orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items: items.map(toCommunityQuestionItem), nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
