// Every workflow the worker runs; this file is the entry of the deterministic workflow bundle.
// querySla is the first version of the support process; it stays until its running instances finish.
export { querySla } from './query-sla/workflow.js';
export { supportQuery } from './support-query/workflow.js';
export { outboxRetention } from './outbox-retention/workflow.js';
