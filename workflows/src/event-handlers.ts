import { joinEventHandlers, type BridgeContext, type EventHandlers } from './event-bridge.js';
import type { SupportPolicy } from './support-query/policy.js';
import { supportQueryEventHandlers } from './support-query/bridge-handlers.js';

/** The policies the bridge reads from its configuration, one per process that has one. */
export interface ProcessPolicies {
  SUPPORT_POLICY: SupportPolicy;
}

/** Which events start and signal which process. A new process is one line. */
export function allEventHandlers(ctx: BridgeContext, policies: ProcessPolicies): EventHandlers {
  return joinEventHandlers(supportQueryEventHandlers(ctx, policies.SUPPORT_POLICY));
}
