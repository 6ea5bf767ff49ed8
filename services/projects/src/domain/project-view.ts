import type { Project } from '@guild/db';
import { localDayOf, weekStartOf } from './weeks.js';

export function currentWeekStartOf(project: Project, now = new Date()): string {
  return weekStartOf(localDayOf(now, project.timeZone), project.weekStartDay);
}

export function toProjectView(project: Project) {
  return {
    id: project.id,
    title: project.title,
    customerId: project.customerId,
    expertId: project.expertId,
    customerRateCents: project.customerRateCents,
    expertRateCents: project.expertRateCents,
    currency: 'USD' as const,
    talentRegion: project.talentRegion,
    budget: { kind: project.budgetKind, minutes: project.budgetMinutes },
    weekStartDay: project.weekStartDay,
    timeZone: project.timeZone,
    billingMode: project.billingMode,
    npsCadence: project.npsCadence,
    status: project.status,
    currentWeekStart: currentWeekStartOf(project),
    createdAt: project.createdAt.toISOString(),
  };
}
