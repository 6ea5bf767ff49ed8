import { describe, expect, it } from 'vitest';
import { rankExperts, scoreExpert, type MatchExpert, type MatchJob } from '../src/domain/matching.js';
import { customerRateCents } from '../src/domain/pricing.js';
import { percentile } from '../src/domain/time-to-launch.js';

const job: MatchJob = { skills: ['react', 'node'], budget: { kind: 'hourly', maxRateCents: 6500, capMinutes: 2400 }, talentRegion: null };
const expert = (over: Partial<MatchExpert>): MatchExpert => ({
  expertId: 'e',
  skills: [{ name: 'react', level: 5 }, { name: 'node', level: 5 }],
  technologies: [],
  talentRegion: 'eu_asia',
  hourlyRateCents: 4000,
  weeklyHours: 20,
  npsAverage: null,
  approvedEntries: 0,
  medianResponseMinutes: null,
  ...over,
});

describe('the customer rate', () => {
  it('is the expert rate plus the margin, never below the region minimum ($50 EU/Asia, $100 US/Western Europe)', () => {
    expect(customerRateCents(3000, 'eu_asia')).toBe(5000);
    expect(customerRateCents(5000, 'eu_asia')).toBe(6500);
    expect(customerRateCents(5000, 'us_western_europe')).toBe(10000);
  });
});

describe('matching', () => {
  it('skill fit is the level in each needed skill; a technology alone counts less', () => {
    expect(scoreExpert(job, expert({ skills: [{ name: 'react', level: 5 }] })).parts.skillFit).toBe(0.5);
    expect(scoreExpert(job, expert({ skills: [{ name: 'react', level: 5 }], technologies: ['Node'] })).parts.skillFit).toBe(0.8);
  });

  it('a rate the customer would pay above the budget fits less, and 50 % above not at all', () => {
    expect(scoreExpert(job, expert({ hourlyRateCents: 5000 })).parts.budgetFit).toBe(1);
    expect(scoreExpert(job, expert({ hourlyRateCents: 7500 })).parts.budgetFit).toBeCloseTo(0.0, 1);
  });

  it('good NPS, approved hours and fast answers rank higher; other regions and missing skills are not matched', () => {
    const ranked = rankExperts({ ...job, talentRegion: 'eu_asia' }, [
      expert({ expertId: 'plain' }),
      expert({ expertId: 'proven', npsAverage: 9.5, approvedEntries: 30, medianResponseMinutes: 20 }),
      expert({ expertId: 'slow', medianResponseMinutes: 24 * 60 }),
      expert({ expertId: 'us', talentRegion: 'us_western_europe' }),
      expert({ expertId: 'php', skills: [{ name: 'php', level: 5 }] }),
      expert({ expertId: 'busy', weeklyHours: 0 }),
    ]);
    expect(ranked.map((r) => r.expertId)).toEqual(['proven', 'plain', 'slow']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('p50 and p90 of times to launch use the nearest rank', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([60, 120, 180, 240, 300, 360, 420, 480, 540, 1500], 0.5)).toBe(300);
    expect(percentile([60, 120, 180, 240, 300, 360, 420, 480, 540, 1500], 0.9)).toBe(540);
  });
});
