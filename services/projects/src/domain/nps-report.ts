import type { PrismaClient } from '@guild/db';
import { dateOfDay, dayOf } from './weeks.js';

type Answer = { period: string; score: number };

/** Net promoter score of a set of answers: % promoters (9–10) minus % detractors (0–6). */
export function npsScoreOf(answers: Answer[]): number | null {
  if (answers.length === 0) return null;
  const promoters = answers.filter((a) => a.score >= 9).length;
  const detractors = answers.filter((a) => a.score <= 6).length;
  return Math.round(((promoters - detractors) / answers.length) * 100);
}

function seriesOf(answers: Answer[]) {
  const averageScore = answers.length === 0 ? null : Math.round((answers.reduce((s, a) => s + a.score, 0) / answers.length) * 10) / 10;
  return { answers, averageScore, npsScore: npsScoreOf(answers) };
}

/** Answered surveys over time, per project and per expert. */
export async function npsReport(prisma: PrismaClient, range: { from?: string | undefined; to?: string | undefined }) {
  const surveys = await prisma.npsSurvey.findMany({
    where: {
      answeredAt: { not: null },
      period: { ...(range.from ? { gte: dateOfDay(range.from) } : {}), ...(range.to ? { lte: dateOfDay(range.to) } : {}) },
    },
    include: { project: { select: { expertId: true } } },
    orderBy: [{ period: 'asc' }, { id: 'asc' }],
    take: 10_000,
  });
  const byProject = new Map<string, { expertId: string; answers: Answer[] }>();
  const byExpert = new Map<string, Answer[]>();
  for (const s of surveys) {
    const answer = { period: dayOf(s.period), score: s.score! };
    const project = byProject.get(s.projectId) ?? { expertId: s.project.expertId, answers: [] };
    project.answers.push(answer);
    byProject.set(s.projectId, project);
    byExpert.set(s.project.expertId, [...(byExpert.get(s.project.expertId) ?? []), answer]);
  }
  return {
    byProject: [...byProject.entries()].map(([projectId, p]) => ({ projectId, expertId: p.expertId, ...seriesOf(p.answers) })),
    byExpert: [...byExpert.entries()].map(([expertId, answers]) => ({ expertId, ...seriesOf(answers) })),
  };
}
