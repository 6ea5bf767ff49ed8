import type { PrismaClient, User } from '@guild/db';
import type { Principal } from '@guild/platform';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user a token was issued to; undefined for other subjects (service clients, dev tokens). */
export async function userOfPrincipal(prisma: PrismaClient, principal: Principal): Promise<User | undefined> {
  if (!uuid.test(principal.subject)) return undefined;
  return (await prisma.user.findUnique({ where: { id: principal.subject } })) ?? undefined;
}
