import type { SlaClockKind } from '@guild/contracts';
import type { ActivityDeps } from '../services.js';
import type { SupportTerms } from './input.js';

/** Calls the support process makes to the support service; every one is idempotent there. */
export function createSupportQueryActivities({ services: { support } }: ActivityDeps) {
  return {
    /** A customer without terms of their own gets the wall-clock defaults. */
    async loadSupportTerms(customerId: string): Promise<SupportTerms> {
      return (await support.find<SupportTerms>(`/customers/${encodeURIComponent(customerId)}/support-terms`)) ?? { calendar: null };
    },

    /** Tells the service a clock fired; the service owns what that means (marks, emails, events). */
    async recordSlaEvent(queryId: string, event: { kind: SlaClockKind; dueAt: string }): Promise<void> {
      await support.post(`/queries/${encodeURIComponent(queryId)}/sla-events`, event);
    },
  };
}
