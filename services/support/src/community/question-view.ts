import type { CommunityQuestionView } from '@guild/contracts';
import type { CommunityQuestion } from '@guild/db';

/** The only fields an expert from outside the query sees: never the query id nor who asked. */
export function toCommunityQuestionItem(q: Pick<CommunityQuestion, 'id' | 'question' | 'openedAt'>) {
  return { id: q.id, question: q.question, openedAt: q.openedAt.toISOString() };
}

export function toCommunityQuestionView(q: CommunityQuestion): CommunityQuestionView {
  return { ...toCommunityQuestionItem(q), answer: q.answer, answeredAt: q.answeredAt?.toISOString() ?? null };
}
