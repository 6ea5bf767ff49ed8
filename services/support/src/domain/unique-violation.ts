import { Prisma } from '@guild/db';

/** A write that lost to a unique key: Prisma's P2002, or PostgreSQL's 23505 from a statement run on pg. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
