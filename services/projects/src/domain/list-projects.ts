import type { Prisma, PrismaClient, ProjectStatus } from '@guild/db';
import type { Principal } from '@guild/platform';
import { cursorArgs, pageOf } from './page.js';

const nothing: Prisma.ProjectWhereInput = { id: { in: [] } };

/** Only your own projects: the filter follows from who is asking. */
function visibleTo(principal: Principal): Prisma.ProjectWhereInput {
  switch (principal.role) {
    case 'customer':
      return principal.customerId ? { customerId: principal.customerId } : nothing;
    case 'expert':
      return principal.expertId ? { expertId: principal.expertId } : nothing;
    default:
      return {};
  }
}

export async function listVisibleProjects(
  prisma: PrismaClient,
  principal: Principal,
  query: { limit: number; cursor?: string | undefined; status?: ProjectStatus | undefined },
) {
  const rows = await prisma.project.findMany({
    where: { ...visibleTo(principal), ...(query.status ? { status: query.status } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...cursorArgs(query.cursor),
  });
  return pageOf(rows, query.limit);
}
