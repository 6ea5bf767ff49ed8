import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../services.js';
import type { SprintProject } from './input.js';

const week = (projectId: string, weekStart: string) => `/projects/${encodeURIComponent(projectId)}/weeks/${encodeURIComponent(weekStart)}`;

/** Calls the sprint makes to the projects service; each one is idempotent there. */
export function createWeeklySprintActivities({ services: { projects } }: ActivityDeps) {
  return {
    async loadSprintProject(projectId: string): Promise<SprintProject> {
      return projects.get<SprintProject>(`/projects/${encodeURIComponent(projectId)}`);
    },

    /** Answers how many tasks the reminder named (0: nothing was missing, no mail). */
    async remindOfBoardGaps(projectId: string, weekStart: string, kind: 'missing_estimates' | 'missing_hours'): Promise<number> {
      const result = await projects.post<{ taskIds: string[] }>(`${week(projectId, weekStart)}/board-reminder`, { kind });
      return result.taskIds.length;
    },

    /** Approves what is still submitted when the review window closes; answers how many entries. */
    async approveAtReviewWindowEnd(projectId: string, weekStart: string): Promise<number> {
      const result = await projects.post<{ approvedEntryIds: string[] }>(`${week(projectId, weekStart)}/auto-approval`);
      return result.approvedEntryIds.length;
    },

    async mailWeekSummary(projectId: string, weekStart: string): Promise<void> {
      await projects.post(`${week(projectId, weekStart)}/summary-mail`);
    },

    /** Opens and mails the week's NPS survey; false on a week the project's cadence skips. */
    async openNpsSurvey(projectId: string, weekStart: string): Promise<boolean> {
      try {
        await projects.post(`/projects/${encodeURIComponent(projectId)}/nps-surveys`, { weekStart });
        return true;
      } catch (err) {
        const code = err instanceof ApplicationFailure ? (err.details?.[0] as { code?: string } | undefined)?.code : undefined;
        if (code === 'nps_not_due') return false;
        throw err;
      }
    },
  };
}
