import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@guild/db';

/** The expert's referral code, made on first ask and the same ever after. */
export async function referralCodeOf(prisma: PrismaClient, expertId: string) {
  const known = await prisma.salesReferralCode.findUnique({ where: { expertId } });
  if (known) return known;
  await prisma.salesReferralCode.createMany({ data: [{ code: `ref-${randomBytes(5).toString('hex')}`, expertId }], skipDuplicates: true });
  return prisma.salesReferralCode.findUniqueOrThrow({ where: { expertId } });
}
