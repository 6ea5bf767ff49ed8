import type { TimeEntry } from '@guild/db';
import { dayOf } from './weeks.js';

export function toTimeEntryView(entry: TimeEntry) {
  return {
    id: entry.id,
    projectId: entry.projectId,
    taskId: entry.taskId,
    expertId: entry.expertId,
    minutes: entry.minutes,
    day: dayOf(entry.day),
    weekStart: dayOf(entry.weekStart),
    note: entry.note,
    status: entry.status,
    disputeReason: entry.disputeReason,
    resolution: entry.resolution,
    approvedAt: entry.approvedAt?.toISOString() ?? null,
    approvedBy: entry.approvedBy,
    createdAt: entry.createdAt.toISOString(),
  };
}
