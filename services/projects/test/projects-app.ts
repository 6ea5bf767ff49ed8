import { createTestDatabase } from '@guild/db/testing';
import { createLogger } from '@guild/platform';
import { callerAs, customer, expert, ops, service, testJwtSecret } from '@guild/testkit';
import supertest from 'supertest';
import { expect } from 'vitest';
import type { ProjectsSettings } from '../src/domain/settings.js';
import { createServer } from '../src/server.js';

export const testSettings: ProjectsSettings = { rescheduleNoticeHours: 12, npsLinkKey: 'nps-test-key-0123456789abcdef', publicUrl: 'http://127.0.0.1:4030' };

/** The projects app on a fresh database of its own, and callers for the people who use it. */
export async function startProjectsApp() {
  const db = await createTestDatabase();
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('projects-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    settings: testSettings,
  });
  return { db, app, as: callerAs(app), anonymous: supertest(app) };
}
export type ProjectsApp = Awaited<ReturnType<typeof startProjectsApp>>;

export const acme = customer('acme');
export const globex = customer('globex');
export const alice = expert('alice');
export const bob = expert('bob');
export { ops, service };

/** Weeks of these tests start on Mondays in Warsaw. */
export const week1 = '2026-11-23';
export const week2 = '2026-11-30';

export const projectBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'CRM rollout',
  customerId: 'acme',
  expertId: 'alice',
  customerRateCents: 9_000,
  expertRateCents: 6_000,
  talentRegion: 'eu_asia',
  budget: { kind: 'per_week', minutes: 20 * 60 },
  weekStartDay: 'monday',
  timeZone: 'Europe/Warsaw',
  billingMode: 'deposit',
  ...overrides,
});

/** An active project of acme with alice, made by ops. */
export async function activeProject(projects: ProjectsApp, overrides: Record<string, unknown> = {}) {
  const created = await projects.as(ops).post('/projects', projectBody(overrides));
  expect(created.status).toBe(201);
  const activated = await projects.as(ops).post(`/projects/${created.body.id}/activation`);
  expect(activated.status).toBe(200);
  return created.body as { id: string; title: string; customerId: string; expertId: string; currentWeekStart: string };
}

export async function addTask(projects: ProjectsApp, projectId: string, title = 'Import contacts', estimateMinutes = 120) {
  const res = await projects.as(alice).post(`/projects/${projectId}/tasks`, { title, estimateMinutes });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

export async function reportTime(projects: ProjectsApp, projectId: string, taskId: string, day: string, minutes = 60) {
  const res = await projects.as(alice).post(`/projects/${projectId}/time-entries`, { taskId, day, minutes });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

/** The `projects.timeentry.approved` outbox rows of one entry. */
export async function approvedEvents(projects: ProjectsApp, timeEntryId: string) {
  return projects.db.prisma.outboxEvent.findMany({
    where: { subject: 'projects.timeentry.approved', payload: { path: ['timeEntryId'], equals: timeEntryId } },
  });
}
