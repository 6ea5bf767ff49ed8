import { ApplicationFailure } from '@temporalio/activity';
import type { ServiceHttp } from '../service-http.js';
import type { SlaClockKind } from '@guild/contracts';
import type { SupportTerms } from './input.js';

async function expectOk(res: Response, what: string, queryOrCustomer: string) {
  if (res.status === 404) throw ApplicationFailure.nonRetryable(`${what}: ${queryOrCustomer} not found`, 'QueryNotFound');
  if (!res.ok) throw new Error(`${what}: support service answered ${res.status}`);
  return res;
}

/** Calls the support process makes to the support service; every one is idempotent there. */
export function createSupportQueryActivities({ support }: { support: ServiceHttp }) {
  return {
    async loadSupportTerms(customerId: string): Promise<SupportTerms> {
      const res = await support.get(`/customers/${encodeURIComponent(customerId)}/support-terms`);
      if (res.status === 404) return { calendar: null };
      await expectOk(res, 'load support terms', customerId);
      return (await res.json()) as SupportTerms;
    },

    /** Tells the service a clock fired; the service owns what that means (marks, emails, events). */
    async recordSlaEvent(queryId: string, event: { kind: SlaClockKind; dueAt: string }): Promise<void> {
      await expectOk(await support.post(`/queries/${encodeURIComponent(queryId)}/sla-events`, event), `record ${event.kind}`, queryId);
    },
  };
}
