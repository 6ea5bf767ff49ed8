import type { HiringPolicy } from './policy.js';

export interface HiringInput {
  jobId: string;
  customerId: string;
  /** When the customer posted: the 24 h promise runs from here, not from the workflow's start. */
  postedAt: string;
  policy: HiringPolicy;
}

export interface HiringOutcome {
  projectId: string;
  minutesToLaunch: number;
  breached: boolean;
}

export const hiringWorkflowId = (jobId: string) => `hiring-${jobId}`;
