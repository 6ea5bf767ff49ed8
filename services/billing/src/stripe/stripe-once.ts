import type { PrismaClient } from '@guild/db';

/**
 * Makes one Stripe write at most once per idempotency key: the key goes to Stripe (which dedupes
 * for 24 h) and the answer is kept here, so a step retried days later, or against stripe-mock
 * (which dedupes nothing), reads the first answer back instead of writing again. Concurrent
 * attempts of one key wait for each other.
 */
export async function stripeOnce(
  prisma: PrismaClient,
  idempotencyKey: string,
  operation: string,
  write: (idempotencyKey: string) => Promise<{ id: string }>,
): Promise<string> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`stripe ${idempotencyKey}`}))) AS l`;
      const done = await tx.billingStripeRequest.findUnique({ where: { idempotencyKey } });
      if (done) return done.objectId;
      const { id } = await write(idempotencyKey);
      await tx.billingStripeRequest.create({ data: { idempotencyKey, operation, objectId: id } });
      return id;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
