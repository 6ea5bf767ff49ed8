// Every workflow the worker runs; this file is the entry of the deterministic workflow bundle.
export { querySla } from './query-sla/workflow.js';
export { outboxRetention } from './outbox-retention/workflow.js';
