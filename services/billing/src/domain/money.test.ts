import { describe, expect, it } from 'vitest';
import { dollars, drawnCents, needsOpsApproval, overageCents } from './money.js';

describe('billing math', () => {
  it("the seeds' example: $300 deposit, 10 h at $50/h → balance −$200 → invoice $200", () => {
    const balance = 30_000 - 10 * drawnCents(60, 5_000);
    expect(balance).toBe(-20_000);
    expect(overageCents(balance)).toBe(20_000);
  });

  it('a deposit that covers the work invoices nothing', () => {
    expect(overageCents(30_000 - drawnCents(300, 5_000))).toBe(0);
    expect(overageCents(0)).toBe(0);
  });

  it('pay-as-you-go invoices all the approved work (no deposit: the balance is only draws)', () => {
    expect(overageCents(-(drawnCents(20 * 60, 2_500)))).toBe(50_000);
  });

  it('rounds minutes × rate to the cent, half up, once per entry', () => {
    expect(drawnCents(1, 5_000)).toBe(83); // 83.33…
    expect(drawnCents(1, 5_030)).toBe(84); // 83.83…
    expect(drawnCents(3, 5_010)).toBe(251); // 250.5 → 251
    expect(drawnCents(7, 9_999)).toBe(1_167); // 1166.55
  });

  it('an overage above the threshold waits for ops; one at the threshold does not', () => {
    expect(needsOpsApproval(500_001, 500_000)).toBe(true);
    expect(needsOpsApproval(500_000, 500_000)).toBe(false);
  });

  it('writes amounts as dollars', () => {
    expect(dollars(20_000)).toBe('$200.00');
    expect(dollars(123_456_7)).toBe('$12,345.67');
    expect(dollars(-5)).toBe('-$0.05');
  });
});
