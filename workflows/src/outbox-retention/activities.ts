import type { ServiceClient } from '../shared/service-client.js';

/** The worker holds no database: each service prunes its own outbox when asked. */
export function createOutboxRetentionActivities({ services }: { services: Record<string, ServiceClient> }) {
  return {
    /** Deletes published events older than the retention at every service; answers how many went. */
    async pruneDeliveredEvents(retentionDays: number): Promise<number> {
      let deleted = 0;
      for (const service of Object.values(services)) {
        deleted += (await service.post<{ deleted: number }>('/outbox/retention', { olderThanDays: retentionDays })).deleted;
      }
      return deleted;
    },
  };
}
