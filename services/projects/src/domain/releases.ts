import { randomUUID } from 'node:crypto';
import type { PrismaClient, Project, Release, ReleaseStep, ReleaseStepKind } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';
import { findVisibleProject } from './find-project.js';
import { releaseStepMissing, releaseStepRecorded } from './projects-errors.js';

/** Dev work is staging first, then tested, then production: each step needs the one before. */
const stepOrder: readonly ReleaseStepKind[] = ['staging', 'tested', 'production'];

export type ReleaseWithSteps = Release & { steps: ReleaseStep[] };
const withSteps = { steps: { orderBy: { recordedAt: 'asc' } } } as const;

export async function createRelease(prisma: PrismaClient, project: Project, title: string, createdBy: string) {
  return prisma.release.create({ data: { id: randomUUID(), projectId: project.id, title, createdBy }, include: withSteps });
}

export async function findVisibleRelease(prisma: PrismaClient, principal: Principal, id: string): Promise<ReleaseWithSteps> {
  const release = await prisma.release.findUnique({ where: { id }, include: withSteps });
  if (!release) throw notFound('release');
  await findVisibleProject(prisma, principal, release.projectId).catch(() => {
    throw notFound('release');
  });
  return release;
}

/** Records who took a step and the evidence; a step whose predecessor is missing is refused by name. */
export async function recordReleaseStep(
  prisma: PrismaClient,
  release: ReleaseWithSteps,
  body: { step: ReleaseStepKind; note?: string | undefined; link?: string | undefined },
  recordedBy: string,
) {
  const done = new Set(release.steps.map((s) => s.step));
  if (done.has(body.step)) throw releaseStepRecorded(body.step);
  const missing = stepOrder.slice(0, stepOrder.indexOf(body.step)).find((s) => !done.has(s));
  if (missing) throw releaseStepMissing(missing, body.step);
  const created = await prisma.releaseStep.createMany({
    data: [{ releaseId: release.id, step: body.step, recordedBy, note: body.note ?? null, link: body.link ?? null }],
    skipDuplicates: true,
  });
  if (created.count === 0) throw releaseStepRecorded(body.step);
  return prisma.release.findUniqueOrThrow({ where: { id: release.id }, include: withSteps });
}

export function toReleaseView(r: ReleaseWithSteps) {
  return {
    id: r.id,
    projectId: r.projectId,
    title: r.title,
    steps: r.steps.map((s) => ({ step: s.step, recordedBy: s.recordedBy, note: s.note, link: s.link, recordedAt: s.recordedAt.toISOString() })),
    createdAt: r.createdAt.toISOString(),
  };
}
