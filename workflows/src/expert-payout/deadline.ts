import { durationMs } from '../shared/duration.js';
import type { PayoutPolicy } from './policy.js';

/** When ops are warned and when the promise is breached, from the request's time. Pure. */
export function deadlineOf(requestedAt: string, policy: PayoutPolicy): { warnAt: number; dueAt: number } {
  const from = Date.parse(requestedAt);
  return { warnAt: from + durationMs(policy.warnAfter), dueAt: from + durationMs(policy.deadline) };
}
