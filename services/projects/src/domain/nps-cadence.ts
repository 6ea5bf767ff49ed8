import type { Project } from '@guild/db';
import { localDayOf, weekStartOf, weeksBetween } from './weeks.js';

/** Weekly projects are asked every week; biweekly ones every other week from their first week. */
export function npsDueFor(project: Project, weekStart: string): boolean {
  if (project.npsCadence === 'weekly') return true;
  const firstWeek = weekStartOf(localDayOf(project.createdAt, project.timeZone), project.weekStartDay);
  return weeksBetween(firstWeek, weekStart) % 2 === 0;
}
