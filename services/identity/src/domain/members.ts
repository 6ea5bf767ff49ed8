import type { MemberView } from '@guild/contracts';
import type { PrismaClient, User } from '@guild/db';
import { invalidCursor, type Principal } from '@guild/platform';
import { companyNotFound, ownerOnly } from './identity-errors.js';
import { userOfPrincipal } from './user-of-principal.js';

/**
 * The company as its caller may see it: ops see every company, a customer only their own.
 * Anyone else gets the 404 of a company that does not exist.
 */
export async function findVisibleCompany(prisma: PrismaClient, principal: Principal, companyId: string) {
  const visible = principal.role === 'ops' || (principal.role === 'customer' && principal.customerId === companyId);
  const company = visible ? await prisma.company.findUnique({ where: { id: companyId } }) : null;
  if (!company) throw companyNotFound();
  return company;
}

/** Members are invited by their company's owner, or by ops. */
export async function assertMayInvite(prisma: PrismaClient, principal: Principal, companyId: string): Promise<void> {
  if (principal.role === 'ops') return;
  const caller = await userOfPrincipal(prisma, principal);
  if (!caller || caller.companyId !== companyId) throw companyNotFound();
  if (caller.companyRole !== 'owner') throw ownerOnly();
}

export function toMemberView(user: User): MemberView {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.companyRole ?? 'member',
    status: user.passwordHash ? 'active' : 'invited',
    createdAt: user.createdAt.toISOString(),
  };
}

/** A company's members, oldest first, a page at a time (`cursor` is the last user id seen). */
export async function listMembers(prisma: PrismaClient, companyId: string, page: { limit: number; cursor?: string | undefined }) {
  const members = { companyId, kind: 'customer' } as const;
  // Only a member of this company is a cursor here; anyone else's id is as unknown as a made-up one.
  if (page.cursor && (await prisma.user.count({ where: { ...members, id: page.cursor } })) === 0) throw invalidCursor();
  const rows = await prisma.user.findMany({
    where: members,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
