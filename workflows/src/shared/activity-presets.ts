import type { ActivityOptions } from '@temporalio/workflow';
import { serviceRefusals } from './service-refusals.js';

// How long an activity may take and how it is retried, named for the kind of call it makes.
// Every proxyActivities uses one of these, with its own `summary` for the timeline.

/** A call to one of our services: quick, retried until the service answers, never on a refusal. */
export const serviceCall: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m', nonRetryableErrorTypes: [...serviceRefusals] },
};

/**
 * A call to a payment provider (Stripe) with an idempotency key of workflow id + step: slower, and
 * retried patiently through its outages, since the key makes every attempt the same charge.
 */
export const paymentCall: ActivityOptions = {
  startToCloseTimeout: '2m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: [...serviceRefusals] },
};

/** Housekeeping over many rows (retention): may run for minutes, retried calmly. */
export const housekeeping: ActivityOptions = {
  startToCloseTimeout: '5m',
  retry: { initialInterval: '10s', maximumInterval: '5m', nonRetryableErrorTypes: [...serviceRefusals] },
};
