import type { BillingCadence, BillingInvoiceView, StatementView } from '@guild/contracts';
import type { ActivityDeps } from '../services.js';

const customer = (customerId: string) => `/customers/${encodeURIComponent(customerId)}`;

/** The billing process's calls to the billing service (which alone talks to Stripe); each is idempotent there. */
export function createMonthlyBillingActivities({ services: { billing } }: ActivityDeps) {
  return {
    async findDueCustomers(cadence: BillingCadence, endedBy: string) {
      return billing.get<{ period: string; periodStart: string; periodEnd: string; customerIds: string[] }>(
        `/due-customers?cadence=${cadence}&endedBy=${encodeURIComponent(endedBy)}`,
      );
    },

    async closeBillingPeriod(customerId: string, period: string, periodStart: string, periodEnd: string): Promise<StatementView> {
      return billing.post<StatementView>(`${customer(customerId)}/statements`, { period, periodStart, periodEnd });
    },

    /** The Stripe writes of this step are keyed by `idempotencyKey` (workflow id + step). */
    async draftOverageInvoice(statementId: string, idempotencyKey: string): Promise<BillingInvoiceView> {
      return billing.post<BillingInvoiceView>(`/statements/${statementId}/invoice`, { idempotencyKey });
    },

    async issueOverageInvoice(invoiceId: string, idempotencyKey: string): Promise<BillingInvoiceView> {
      return billing.post<BillingInvoiceView>(`/invoices/${invoiceId}/issue`, { idempotencyKey });
    },

    async mailStatement(statementId: string): Promise<void> {
      await billing.post(`/statements/${statementId}/statement-mail`);
    },

    async remindOfPayment(invoiceId: string, reminder: number, alertOps: boolean): Promise<void> {
      await billing.post(`/invoices/${invoiceId}/payment-reminders`, { reminder, alertOps });
    },

    async pauseCustomerProjects(invoiceId: string): Promise<void> {
      await billing.post(`/invoices/${invoiceId}/suspension`);
    },

    async resumeCustomerProjects(invoiceId: string): Promise<void> {
      await billing.post(`/invoices/${invoiceId}/reinstatement`);
    },

    async reconcileWithStripe(): Promise<{ checkedInvoices: number; differences: unknown[] }> {
      return billing.post(`/reconciliation`);
    },
  };
}
