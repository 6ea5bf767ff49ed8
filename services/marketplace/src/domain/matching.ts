import type { JobBudget } from '@guild/contracts';
import { customerRateCents, type TalentRegion } from './pricing.js';

// How experts are ranked for a job: five parts, each 0–1, and a weighted score. Pure, so ops can
// read every part and the rules read as a specification (test/matching.test.ts).

export interface MatchJob {
  skills: string[];
  budget: JobBudget;
  talentRegion: TalentRegion | null;
}

export interface MatchExpert {
  expertId: string;
  skills: { name: string; level: number }[];
  technologies: string[];
  talentRegion: TalentRegion;
  hourlyRateCents: number;
  weeklyHours: number;
  npsAverage: number | null;
  approvedEntries: number;
  medianResponseMinutes: number | null;
}

export interface ScoreParts {
  skillFit: number;
  availability: number;
  budgetFit: number;
  quality: number;
  responseSpeed: number;
}

export interface Match {
  expertId: string;
  score: number;
  parts: ScoreParts;
}

export const scoreWeights: ScoreParts = { skillFit: 0.35, availability: 0.15, budgetFit: 0.2, quality: 0.2, responseSpeed: 0.1 };

/** Hours a week at which an expert counts as fully available for a new job. */
const fullAvailabilityHours = 20;
/** Hours a fixed budget should buy at the expert's rate to fit fully. */
const fixedBudgetHours = 10;
/** No history yet: neither rewarded nor punished. */
const unknown = 0.5;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Each job skill scores the expert's level in it (1–5 → 0.2–1), or 0.6 if it is only one of their technologies. */
export function skillFit(job: MatchJob, expert: MatchExpert): number {
  const levels = new Map(expert.skills.map((s) => [s.name.toLowerCase(), s.level]));
  const technologies = new Set(expert.technologies.map((t) => t.toLowerCase()));
  const fits = job.skills.map((skill) => {
    const level = levels.get(skill.toLowerCase());
    if (level !== undefined) return level / 5;
    return technologies.has(skill.toLowerCase()) ? 0.6 : 0;
  });
  return fits.reduce((a, b) => a + b, 0) / Math.max(1, fits.length);
}

/** Within the customer's hourly maximum (at the rate the customer would pay) fits fully; 50 % over fits not at all. */
export function budgetFit(job: MatchJob, expert: MatchExpert): number {
  const rate = customerRateCents(expert.hourlyRateCents, expert.talentRegion);
  if (job.budget.kind === 'hourly') {
    if (rate <= job.budget.maxRateCents) return 1;
    return Math.max(0, 1 - (rate - job.budget.maxRateCents) / (job.budget.maxRateCents * 0.5));
  }
  return Math.min(1, job.budget.amountCents / (rate * fixedBudgetHours));
}

/** NPS average over 10 (70 %) and approved entries up to 20 (30 %); unknown NPS counts as middling. */
export function quality(expert: MatchExpert): number {
  const nps = expert.npsAverage === null ? unknown : expert.npsAverage / 10;
  return 0.7 * nps + 0.3 * Math.min(1, expert.approvedEntries / 20);
}

/** A median answer within the hour scores above 2/3; half a day scores about 0.14. */
export function responseSpeed(expert: MatchExpert): number {
  return expert.medianResponseMinutes === null ? unknown : 1 / (1 + expert.medianResponseMinutes / 120);
}

/** Whether the expert can be matched at all: the region the customer asked for and at least one needed skill. */
export function eligible(job: MatchJob, expert: MatchExpert): boolean {
  return (job.talentRegion === null || job.talentRegion === expert.talentRegion) && skillFit(job, expert) > 0 && expert.weeklyHours > 0;
}

export function scoreExpert(job: MatchJob, expert: MatchExpert): Match {
  const parts: ScoreParts = {
    skillFit: round(skillFit(job, expert)),
    availability: round(Math.min(1, expert.weeklyHours / fullAvailabilityHours)),
    budgetFit: round(budgetFit(job, expert)),
    quality: round(quality(expert)),
    responseSpeed: round(responseSpeed(expert)),
  };
  const score = (Object.keys(scoreWeights) as (keyof ScoreParts)[]).reduce((sum, part) => sum + scoreWeights[part] * parts[part], 0);
  return { expertId: expert.expertId, score: round(score), parts };
}

/** Eligible experts, best first (ties: the expert id, so a ranking is stable). */
export function rankExperts(job: MatchJob, experts: MatchExpert[]): Match[] {
  return experts
    .filter((e) => eligible(job, e))
    .map((e) => scoreExpert(job, e))
    .sort((a, b) => b.score - a.score || a.expertId.localeCompare(b.expertId));
}
