import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schedulesConfig } from '../config.js';
import { allSchedules } from '../schedules/all.js';

const billingArgs = (policies?: Parameters<typeof allSchedules>[1]) =>
  allSchedules('guild', policies)
    .filter((s) => s.scheduleId.startsWith('billing-') && s.scheduleId !== 'billing-reconciliation')
    .map((s) => (s.action as { args?: readonly { cadence: string; policy: Record<string, unknown> }[] }).args![0]!);

describe('BILLING_POLICY', () => {
  it('reaches both billing cycles as their input, over the defaults', () => {
    const config = z.object(schedulesConfig).parse({ BILLING_POLICY: '{"pauseProjectsAfter":"21d","concurrentCustomers":4}' });
    const args = billingArgs({ billing: config.BILLING_POLICY });
    expect(args.map((a) => a.cadence)).toEqual(['monthly', 'biweekly']);
    for (const a of args) expect(a.policy).toEqual({ firstReminderAfter: '3d', secondReminderAfter: '7d', pauseProjectsAfter: '21d', concurrentCustomers: 4, rollOverAfterEvents: 10_000 });
  });

  it('is the defaults when unset', () => {
    const config = z.object(schedulesConfig).parse({});
    expect(billingArgs({ billing: config.BILLING_POLICY })).toEqual(billingArgs());
  });

  it('refuses a policy that is not JSON or not a duration', () => {
    expect(z.object(schedulesConfig).safeParse({ BILLING_POLICY: 'pause after 14 days' }).success).toBe(false);
    expect(z.object(schedulesConfig).safeParse({ BILLING_POLICY: '{"firstReminderAfter":"soon"}' }).success).toBe(false);
  });
});
