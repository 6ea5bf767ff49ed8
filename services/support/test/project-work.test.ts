import { createLogger, startOutboxRelay } from '@guild/platform';
import { createServer as createProjectsServer } from '@guild/projects/server';
import { startSupportWorkConsumer } from '@guild/projects/support-work';
import { createTestDatabase } from '@guild/db/testing';
import { callerAs, createTestNamespace, eventually, testJwtSecret } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProjectFollower } from '../src/consumers/follow-projects.js';
import { startTaskLinkConsumer } from '../src/consumers/link-created-tasks.js';
import { customer, expert, ops, startSupportApp } from './support-app.js';

// Support and the project board, each on its own database, talking only through NATS.
const logger = createLogger('project-work-test', 'silent');
let support: Awaited<ReturnType<typeof startSupportApp>>;
let projectsDb: Awaited<ReturnType<typeof createTestDatabase>>;
let projectsAs: ReturnType<typeof callerAs>;
let ns: Awaited<ReturnType<typeof createTestNamespace>>;
const running: { stop(): Promise<void> }[] = [];

const acme = customer('acme');
const alice = expert('alice');

beforeAll(async () => {
  support = await startSupportApp();
  projectsDb = await createTestDatabase();
  projectsAs = callerAs(
    createProjectsServer({
      prisma: projectsDb.prisma,
      logger,
      jwtSecret: testJwtSecret,
      readiness: {},
      settings: { rescheduleNoticeHours: 12, npsLinkKey: 'nps-test-key-0123456789abcdef', publicUrl: 'http://127.0.0.1:4030' },
    }),
  );
  ns = await createTestNamespace();
  const bus = { nc: ns.nc, namespace: ns.namespace, logger };
  running.push(
    startOutboxRelay({ ...bus, prisma: support.db.prisma, source: 'support', pollMs: 50 }),
    startOutboxRelay({ ...bus, prisma: projectsDb.prisma, source: 'projects', pollMs: 50 }),
    startProjectFollower({ ...bus, prisma: support.db.prisma }),
    startTaskLinkConsumer({ ...bus, prisma: support.db.prisma }),
    startSupportWorkConsumer({ ...bus, prisma: projectsDb.prisma }),
  );
});
afterAll(async () => {
  for (const r of running) await r.stop();
  await ns?.cleanup();
  await support?.db.drop();
  await projectsDb?.drop();
});

async function acmeProjectWithAlice() {
  const created = await projectsAs(ops).post('/projects', {
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
  });
  expect(created.status).toBe(201);
  expect((await projectsAs(ops).post(`/projects/${created.body.id}/activation`)).status).toBe(200);
  return created.body.id as string;
}

describe('support joins the project', () => {
  let projectId: string;
  let queryId: string;

  it("the active project's expert answers the customer's queries, and a query can name the project", async () => {
    projectId = await acmeProjectWithAlice();
    await eventually('alice assigned to acme from the project', async () => {
      const res = await support.as(ops).get('/customers/acme/expert-assignment');
      return res.status === 200 && res.body.expertId === 'alice' ? true : undefined;
    });
    const submitted = await support.as(acme).post('/queries', { subject: 'Import fails', body: 'CSV import stops at row 10.', projectId });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ assignedExpertId: 'alice', projectId, minutesLogged: 0 });
    queryId = submitted.body.id;

    const foreign = await support.as(customer('globex')).post('/queries', { subject: 'Mine?', body: 'Not theirs.', projectId });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('unknown_project');
  });

  it('an action reply puts a task on the project board and links it back to the query', async () => {
    const reply = await support.as(alice).post(`/queries/${queryId}/replies`, {
      kind: 'action',
      answer: 'We will fix the importer.',
      etaMinutes: 600,
      task: { title: 'Fix the CSV importer', estimateMinutes: 180 },
    });
    expect(reply.ok).toBe(true);
    const taskId = await eventually('the task linked on the query', async () => {
      const view = await support.as(acme).get(`/queries/${queryId}`);
      return (view.body.replies[0].taskId as string | null) ?? undefined;
    });
    const board = await projectsAs(alice).get(`/projects/${projectId}/tasks`);
    expect(board.body.items).toContainEqual(expect.objectContaining({ id: taskId, title: 'Fix the CSV importer', estimateMinutes: 180 }));
  });

  it("minutes logged on a query show as its total and become time entries on the project, once each", async () => {
    const first = await support.as(alice).post(`/queries/${queryId}/time-entries`, { minutes: 45, note: 'reproduced the import' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ minutes: 45, queryMinutesLogged: 45 });
    const second = await support.as(alice).post(`/queries/${queryId}/time-entries`, { minutes: 15 });
    expect(second.body.queryMinutesLogged).toBe(60);
    expect((await support.as(acme).get(`/queries/${queryId}`)).body.minutesLogged).toBe(60);

    const event = await support.db.prisma.outboxEvent.findFirst({ where: { subject: 'support.query.time_logged', payload: { path: ['timeEntryId'], equals: second.body.id } } });
    expect(event?.payload).toMatchObject({ queryId, projectId, minutes: 15, queryMinutesLogged: 60 });

    const entries = await eventually('both entries on the project', async () => {
      const rows = await projectsDb.prisma.timeEntry.findMany({ where: { projectId, supportTimeEntryId: { not: null } }, orderBy: { minutes: 'desc' } });
      return rows.length === 2 ? rows : undefined;
    });
    expect(entries).toMatchObject([
      { minutes: 45, expertId: 'alice', status: 'submitted', supportTimeEntryId: first.body.id },
      { minutes: 15, expertId: 'alice', status: 'submitted', supportTimeEntryId: second.body.id },
    ]);
    expect(entries[0]!.taskId).toBe(entries[1]!.taskId);
  });

  it('an entry of 0 minutes or over 24 hours is refused, and only an expert who may answer logs time', async () => {
    for (const minutes of [0, -5, 24 * 60 + 1, 1.5]) {
      const res = await support.as(alice).post(`/queries/${queryId}/time-entries`, { minutes });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.minutes');
    }
    expect((await support.as(expert('mallory')).post(`/queries/${queryId}/time-entries`, { minutes: 30 })).status).toBe(404);
    expect((await support.as(acme).post(`/queries/${queryId}/time-entries`, { minutes: 30 })).status).toBe(403);
    expect((await support.as(acme).get(`/queries/${queryId}`)).body.minutesLogged).toBe(60);
  });
});
