// Every workflow the worker runs; this file is the entry of the deterministic workflow bundle.
// A new process is one line.
export { supportQuery } from './support-query/workflow.js';
export { outboxRetention } from './outbox-retention/workflow.js';
export { weeklySprint } from './weekly-sprint/workflow.js';
export { projectMeeting } from './project-meeting/workflow.js';
export { expertPayout } from './expert-payout/workflow.js';
export { payoutCycle } from './expert-payout/cycle-workflow.js';
export { hiring } from './hiring/workflow.js';
export { billingCycle, billingRun, customerBilling, billingReconciliation } from './monthly-billing/workflow.js';
export { leadToCustomer, commissionRelease } from './lead-to-customer/workflow.js';
