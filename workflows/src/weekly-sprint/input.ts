import type { SprintPolicy } from './policy.js';
import type { SprintState } from './state.js';

export interface SprintInput {
  projectId: string;
  customerId: string;
  expertId: string;
  policy: SprintPolicy;
  /** Carried across continue-as-new, one run per week; absent on the first run. */
  carried?: SprintState;
}

export interface SprintOutcome {
  projectId: string;
  /** Why the sprint ended: the project paused or ended, or it was not active when the sprint began. */
  stoppedBecause: 'paused' | 'ended' | 'not_active';
  weeksCompleted: number;
}

/** What the sprint reads of its project when it begins. */
export interface SprintProject {
  status: 'launching' | 'active' | 'paused' | 'ended';
  timeZone: string;
  weekStartDay: SprintState['weekStartDay'];
  currentWeekStart: string;
}

export const sprintWorkflowId = (projectId: string) => `sprint-${projectId}`;
