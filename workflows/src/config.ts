import { commonConfig } from '@guild/platform';
import { z } from 'zod';
import { serviceUrlConfig } from './services.js';
import { leadPolicySchema } from './lead-to-customer/policy.js';
import { hiringPolicySchema } from './hiring/policy.js';
import { payoutPolicySchema } from './expert-payout/policy.js';
import { billingPolicySchema } from './monthly-billing/policy.js';
import { meetingPolicySchema } from './project-meeting/policy.js';
import { supportPolicySchema } from './support-query/policy.js';
import { sprintPolicySchema } from './weekly-sprint/policy.js';

/** One JSON document for each process's policy, so ops change durations without a deploy. */
const jsonPolicy = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const temporalConfig = {
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('guild'),
};

/** What `schedules` registers with: the policies that travel as scheduled workflows' input. */
export const schedulesConfig = {
  ...temporalConfig,
  BILLING_POLICY: jsonPolicy(billingPolicySchema),
};

export const workerConfig = {
  ...temporalConfig,
  JWT_SECRET: commonConfig.JWT_SECRET,
  ...serviceUrlConfig,
  IDENTITY_WORKER_CLIENT_ID: z.string().min(1).optional(),
  IDENTITY_WORKER_CLIENT_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: commonConfig.LOG_LEVEL,
};

export const bridgeConfig = {
  ...temporalConfig,
  NATS_URL: commonConfig.NATS_URL,
  EVENT_NAMESPACE: commonConfig.EVENT_NAMESPACE,
  DATABASE_URL: commonConfig.DATABASE_URL,
  LOG_LEVEL: commonConfig.LOG_LEVEL,
  /** How long NATS waits for the bridge's ack before it hands an event out again (after a crash, say). */
  EVENT_ACK_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Events the bridge handles at once (each one a Temporal call); one workflow's events stay in order. */
  BRIDGE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
  SUPPORT_POLICY: jsonPolicy(supportPolicySchema),
  SPRINT_POLICY: jsonPolicy(sprintPolicySchema),
  MEETING_POLICY: jsonPolicy(meetingPolicySchema),
  PAYOUT_POLICY: jsonPolicy(payoutPolicySchema),
  HIRING_POLICY: jsonPolicy(hiringPolicySchema),
  LEAD_POLICY: jsonPolicy(leadPolicySchema),
};
