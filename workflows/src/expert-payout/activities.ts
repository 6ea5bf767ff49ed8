import type { ActivityDeps } from '../services.js';

const request = (requestId: string) => `/payout-requests/${encodeURIComponent(requestId)}`;
const ofCycle = (cycle: string, expertId: string) => `/payout-cycles/${cycle}/experts/${encodeURIComponent(expertId)}`;

export interface Payability {
  payable: boolean;
  reason: string | null;
  missing: string[];
}

/** The payout process's calls to the payouts service, the only code that talks to Stripe for experts. */
export function createExpertPayoutActivities({ services: { payouts } }: ActivityDeps) {
  return {
    async checkPayoutPayability(requestId: string): Promise<Payability> {
      return payouts.post<Payability>(`${request(requestId)}/payability`);
    },
    async refusePayout(requestId: string, reason: string): Promise<void> {
      await payouts.post(`${request(requestId)}/refusal`, { reason });
    },
    async sendStripeTransfer(requestId: string): Promise<{ outcome: 'paid' | 'failed'; reason: string | null }> {
      return payouts.post(`${request(requestId)}/stripe-transfer`);
    },
    async openManualTransferTask(requestId: string): Promise<void> {
      await payouts.post(`${request(requestId)}/manual-transfer-task`);
    },
    async sendPayoutToReview(requestId: string, reason: string): Promise<void> {
      await payouts.post(`${request(requestId)}/review`, { reason });
    },
    async recordPayoutDeadlineEvent(requestId: string, kind: 'warning' | 'breach'): Promise<void> {
      await payouts.post(`${request(requestId)}/deadline-events`, { kind });
    },
  };
}

/** The biweekly cycle's calls: who has work to credit, credit it, mail the statement. */
export function createPayoutCycleActivities({ services: { payouts } }: ActivityDeps) {
  return {
    async expertsOfPayoutCycle(cycle: string): Promise<string[]> {
      return (await payouts.get<{ expertIds: string[] }>(`/payout-cycles/${cycle}/experts`)).expertIds;
    },
    async creditPayoutCycleWork(cycle: string, expertId: string): Promise<{ creditedEntries: number; creditedCents: number }> {
      return payouts.post(`${ofCycle(cycle, expertId)}/credits`);
    },
    async mailPayoutStatement(cycle: string, periodStart: string, expertId: string): Promise<void> {
      await payouts.post(`${ofCycle(cycle, expertId)}/statement`, { periodStart });
    },
  };
}
