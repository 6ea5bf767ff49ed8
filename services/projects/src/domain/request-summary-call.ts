import { randomUUID } from 'node:crypto';
import { summaryCallRequested } from '@guild/contracts';
import type { PrismaClient, Project, SummaryCallRequest } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { PROJECTS_SOURCE } from './source.js';
import { dateOfDay, dayOf } from './weeks.js';

/** The customer asks for a summary call at their preferred time: a task for ops to arrange it. */
export async function requestSummaryCall(
  prisma: PrismaClient,
  project: Project,
  weekStart: string,
  request: { preferredAt: string; note?: string | undefined; requestedBy: string },
) {
  return prisma.$transaction(async (tx) => {
    const call = await tx.summaryCallRequest.create({
      data: {
        id: randomUUID(),
        projectId: project.id,
        weekStart: dateOfDay(weekStart),
        preferredAt: new Date(request.preferredAt),
        note: request.note ?? null,
        requestedBy: request.requestedBy,
      },
    });
    await recordEvent(tx, PROJECTS_SOURCE, summaryCallRequested, {
      requestId: call.id,
      projectId: project.id,
      customerId: project.customerId,
      weekStart,
      preferredAt: call.preferredAt.toISOString(),
    });
    return call;
  });
}

export function toSummaryCallView(call: SummaryCallRequest) {
  return {
    id: call.id,
    projectId: call.projectId,
    weekStart: dayOf(call.weekStart),
    preferredAt: call.preferredAt.toISOString(),
    note: call.note,
    requestedBy: call.requestedBy,
    createdAt: call.createdAt.toISOString(),
  };
}
