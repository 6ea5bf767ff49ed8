import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PendingReview } from './state.js';

/** The project paused or ended: the sprint stops. */
export interface SprintStop {
  reason: 'paused' | 'ended';
  at: string;
}

/** The project is active (activated or resumed): starts the sprint, or is a no-op for a running one. */
export interface ProjectActive {
  at: string;
}

export interface SprintStatus {
  projectId: string;
  weekStart: string | null;
  weeksCompleted: number;
  pendingReviews: { weekStart: string; closesAt: string }[];
  autoApprovedEntries: number;
  next: { kind: string; weekStart: string; at: string } | null;
}

export const sprintStopSignal = defineSignal<[SprintStop]>('sprintStop');
export const projectActiveSignal = defineSignal<[ProjectActive]>('projectActive');
export const sprintStatusQuery = defineQuery<SprintStatus>('sprintStatus');

export const reviewView = (r: PendingReview) => ({ weekStart: r.weekStart, closesAt: new Date(r.closesAt).toISOString() });
