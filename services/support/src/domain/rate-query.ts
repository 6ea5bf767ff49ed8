import type { PrismaClient } from '@guild/db';
import { readRatingToken } from './rating-link.js';
import { alreadyRated, ratingLinkNotFound } from './support-errors.js';

/**
 * The customer's satisfaction with a resolved query, from the resolution mail's signed link. One
 * answer per query: a second is a 409 and the first is kept. A forged or expired link is a 404.
 */
export async function rateQuery(prisma: PrismaClient, ratingLinkKey: string, answer: { token: string; comment?: string | undefined }, now = new Date()) {
  const link = readRatingToken(ratingLinkKey, answer.token, now);
  if (!link) throw ratingLinkNotFound();
  const query = await prisma.query.findUnique({ where: { id: link.queryId }, select: { id: true } });
  if (!query) throw ratingLinkNotFound();
  // ON CONFLICT DO NOTHING: of two answers, the first stays.
  const { count } = await prisma.queryRating.createMany({
    data: [{ queryId: query.id, score: link.score, comment: answer.comment || null, ratedAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) throw alreadyRated();
  const rating = await prisma.queryRating.findUniqueOrThrow({ where: { queryId: query.id } });
  return { queryId: rating.queryId, score: rating.score, comment: rating.comment, ratedAt: rating.ratedAt.toISOString() };
}
