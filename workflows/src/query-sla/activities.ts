import { ApplicationFailure } from '@temporalio/activity';
import type { ServiceHttp } from '../service-http.js';

/** The support service calls the query-SLA workflow makes; each is idempotent on the service. */
export function createQuerySlaActivities({ support }: { support: ServiceHttp }) {
  return {
    async markQueryEscalated(queryId: string): Promise<void> {
      const res = await support.post(`/queries/${encodeURIComponent(queryId)}/escalation`);
      if (res.status === 404) {
        throw ApplicationFailure.nonRetryable(`query ${queryId} does not exist`, 'QueryNotFound');
      }
      if (!res.ok) throw new Error(`support service answered ${res.status} marking query ${queryId} escalated`);
    },
  };
}
