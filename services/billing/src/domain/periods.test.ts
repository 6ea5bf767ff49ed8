import { describe, expect, it } from 'vitest';
import { periodContaining, periodEndedBy } from './periods.js';

describe('billing periods (UTC)', () => {
  it('a monthly run at 00:00 on the 1st bills the month that just ended', () => {
    const billed = periodEndedBy('monthly', new Date('2026-12-01T00:00:00Z'));
    expect(billed).toEqual({ period: '2026-11', start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') });
  });

  it('work approved at 23:59 on the 30th is in November; at 00:00 on the 1st it rolls into December', () => {
    expect(periodContaining('monthly', new Date('2026-11-30T23:59:59Z')).period).toBe('2026-11');
    expect(periodContaining('monthly', new Date('2026-12-01T00:00:00Z')).period).toBe('2026-12');
  });

  it('biweekly periods are two weeks from every other Monday', () => {
    const p = periodContaining('biweekly', new Date('2026-11-25T12:00:00Z'));
    expect(new Date(p.start).getUTCDay()).toBe(1);
    expect(p.end.getTime() - p.start.getTime()).toBe(14 * 24 * 3_600_000);
    expect(p.start.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-25T12:00:00Z'));
    expect(periodEndedBy('biweekly', p.end)).toEqual(p);
  });
});
