import { describe, expect, it } from 'vitest';
import { describeDuration, durationMs, isDuration } from './duration.js';

describe('policy durations', () => {
  it('reads the units ops write', () => {
    expect(['1500ms', '90s', '15m', '1h', '24h', '3d', '2w', '250'].map(durationMs)).toEqual([
      1_500, 90_000, 900_000, 3_600_000, 86_400_000, 259_200_000, 1_209_600_000, 250,
    ]);
  });

  it('reads fractions and a space before the unit', () => {
    expect(durationMs('1.5h')).toBe(5_400_000);
    expect(durationMs('4 s')).toBe(4_000);
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(isDuration('an hour')).toBe(false);
    expect(isDuration('-5m')).toBe(false);
    expect(() => durationMs('1y')).toThrow(/not a duration/);
  });

  it('describes a duration in words for a reason or a mail', () => {
    expect(['30d', '1h', '6s', '2 w', '1.5h'].map(describeDuration)).toEqual(['30 days', '1 hour', '6 seconds', '2 weeks', '1.5 hours']);
    expect(() => describeDuration('soon')).toThrow(/not a duration/);
  });
});
