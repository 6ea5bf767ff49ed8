import { createLogger, startOutboxRelay, streamName, wireSubject } from '@guild/platform';
import { createTestNamespace, eventually } from '@guild/testkit';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECTS_SOURCE } from '../src/domain/source.js';
import {
  acme,
  activeProject,
  addTask,
  alice,
  approvedEvents,
  bob,
  globex,
  ops,
  reportTime,
  service,
  startProjectsApp,
  week1,
  week2,
  type ProjectsApp,
} from './projects-app.js';

let projects: ProjectsApp;
beforeAll(async () => {
  projects = await startProjectsApp();
});
afterAll(async () => projects?.db.drop());

async function projectWithHours(days = ['2026-11-23', '2026-11-24', '2026-11-25']) {
  const project = await activeProject(projects);
  const task = await addTask(projects, project.id);
  const entries = [];
  for (const day of days) entries.push(await reportTime(projects, project.id, task.id, day, 90));
  return { project, task, entries };
}

const statusOf = async (projectId: string, entryId: string) =>
  (await projects.as(ops).get(`/projects/${projectId}/time-entries?limit=100`)).body.items.find((e: { id: string }) => e.id === entryId)?.status;

describe('reporting time', () => {
  it("the project's expert reports time on a task, in its project week", async () => {
    const { entries } = await projectWithHours(['2026-11-26']);
    expect(entries[0]).toMatchObject({ status: 'submitted', minutes: 90, day: '2026-11-26', weekStart: week1 });
  });

  it('an entry over 24 hours is refused', async () => {
    const project = await activeProject(projects);
    const task = await addTask(projects, project.id);
    const res = await projects.as(alice).post(`/projects/${project.id}/time-entries`, { taskId: task.id, day: week1, minutes: 24 * 60 + 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.minutes');
  });

  it('another expert cannot report on the project', async () => {
    const project = await activeProject(projects);
    const task = await addTask(projects, project.id);
    expect((await projects.as(bob).post(`/projects/${project.id}/time-entries`, { taskId: task.id, day: week1, minutes: 30 })).status).toBe(404);
  });

  it('a time entry on an already-approved week needs ops', async () => {
    const { project, task } = await projectWithHours(['2026-11-23']);
    expect((await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {})).status).toBe(200);
    const late = await projects.as(alice).post(`/projects/${project.id}/time-entries`, { taskId: task.id, day: '2026-11-27', minutes: 30 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('week_approved');
    const byOps = await projects.as(ops).post(`/projects/${project.id}/time-entries`, { taskId: task.id, day: '2026-11-27', minutes: 30 });
    expect(byOps.status).toBe(201);
    expect(byOps.body).toMatchObject({ expertId: 'alice', status: 'submitted' });
    // The next week is open again for the expert.
    await reportTime(projects, project.id, task.id, week2);
  });
});

describe('approving a week', () => {
  it("the customer approves the week's hours: each entry publishes projects.timeentry.approved once, with both rates", async () => {
    const { project, entries } = await projectWithHours();
    const res = await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {});
    expect(res.status).toBe(200);
    expect(res.body.approvedEntryIds.sort()).toEqual(entries.map((e) => e.id).sort());
    for (const entry of entries) {
      const events = await approvedEvents(projects, entry.id);
      expect(events).toHaveLength(1);
      expect(events[0]!.payload).toMatchObject({
        projectId: project.id,
        customerId: 'acme',
        expertId: 'alice',
        minutes: 90,
        customerRateCents: 9_000,
        expertRateCents: 6_000,
        currency: 'USD',
      });
    }
    expect((await projects.as(acme).get(`/projects/${project.id}/weeks/${week1}`)).body.approvedAt).toEqual(expect.any(String));
  });

  it('a retried approval publishes nothing twice', async () => {
    const { project, entries } = await projectWithHours();
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {});
    const again = await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {});
    expect(again.status).toBe(200);
    expect(again.body.approvedEntryIds).toEqual([]);
    for (const entry of entries) expect(await approvedEvents(projects, entry.id)).toHaveLength(1);
  });

  it('concurrent approvals of one week publish each entry once', async () => {
    const { project, entries } = await projectWithHours();
    const calls = await Promise.all(
      [acme, acme, ops, acme].map((who) => projects.as(who).post(`/projects/${project.id}/weeks/${week1}/approval`, {})),
    );
    for (const call of calls) expect(call.status).toBe(200);
    expect(calls.flatMap((c) => c.body.approvedEntryIds as string[]).sort()).toEqual(entries.map((e) => e.id).sort());
    for (const entry of entries) expect(await approvedEvents(projects, entry.id)).toHaveLength(1);
  });

  it("approval by anyone but the project's customer or ops is 404", async () => {
    const { project, entries } = await projectWithHours(['2026-11-23']);
    for (const caller of [alice, globex, bob]) {
      expect((await projects.as(caller).post(`/projects/${project.id}/weeks/${week1}/approval`, {})).status).toBe(404);
    }
    expect(await approvedEvents(projects, entries[0]!.id)).toHaveLength(0);
    expect((await projects.as(ops).post(`/projects/${project.id}/weeks/${week1}/approval`, {})).status).toBe(200);
  });

  it('a day that does not start a project week is refused', async () => {
    const { project } = await projectWithHours(['2026-11-23']);
    const res = await projects.as(acme).post(`/projects/${project.id}/weeks/2026-11-24/approval`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_a_week_start');
  });
});

describe('disputes', () => {
  it('a dispute freezes only the disputed entries; the rest of the week is approved', async () => {
    const { project, entries } = await projectWithHours();
    const [disputed, ...others] = entries;
    const res = await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {
      disputes: [{ timeEntryId: disputed!.id, reason: 'We did not ask for this' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.disputedEntryIds).toEqual([disputed!.id]);
    expect(await statusOf(project.id, disputed!.id)).toBe('disputed');
    expect(await approvedEvents(projects, disputed!.id)).toHaveLength(0);
    for (const entry of others) expect(await approvedEvents(projects, entry.id)).toHaveLength(1);
    expect(await projects.db.prisma.outboxEvent.count({ where: { subject: 'projects.timeentry.disputed', payload: { path: ['timeEntryId'], equals: disputed!.id } } })).toBe(1);
  });

  it('disputing alone leaves the other entries submitted for approval later', async () => {
    const { project, entries } = await projectWithHours();
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: entries[0]!.id, reason: 'Too long' }] });
    expect(await statusOf(project.id, entries[1]!.id)).toBe('submitted');
  });

  it('ops approve a disputed entry with changed minutes, published once with the new minutes', async () => {
    const { project, entries } = await projectWithHours(['2026-11-23']);
    const entry = entries[0]!;
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: entry.id, reason: 'Too long' }] });
    const resolved = await projects.as(ops).post(`/projects/${project.id}/time-entries/${entry.id}/resolution`, { outcome: 'change', minutes: 45 });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'approved', minutes: 45, resolution: 'changed' });
    const again = await projects.as(ops).post(`/projects/${project.id}/time-entries/${entry.id}/resolution`, { outcome: 'approve' });
    expect(again.status).toBe(409);
    const events = await approvedEvents(projects, entry.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ minutes: 45 });
  });

  it('ops reject a disputed entry: nothing is published and it no longer counts', async () => {
    const { project, task, entries } = await projectWithHours(['2026-11-23']);
    const entry = entries[0]!;
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: entry.id, reason: 'Not ours' }] });
    const rejected = await projects.as(ops).post(`/projects/${project.id}/time-entries/${entry.id}/resolution`, { outcome: 'reject' });
    expect(rejected.body).toMatchObject({ status: 'rejected', resolution: 'rejected' });
    expect(await approvedEvents(projects, entry.id)).toHaveLength(0);
    const board = await projects.as(alice).get(`/projects/${project.id}/tasks`);
    expect(board.body.items.find((t: { id: string }) => t.id === task.id).reportedMinutes).toBe(0);
  });

  it('only ops resolve disputes', async () => {
    const { project, entries } = await projectWithHours(['2026-11-23']);
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: entries[0]!.id, reason: 'x' }] });
    expect((await projects.as(acme).post(`/projects/${project.id}/time-entries/${entries[0]!.id}/resolution`, { outcome: 'approve' })).status).toBe(403);
  });
});

describe('approval when the review window closes', () => {
  it('approves what is still submitted and leaves disputes frozen, once across retries', async () => {
    const { project, entries } = await projectWithHours();
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: entries[0]!.id, reason: 'Too long' }] });
    const first = await projects.as(service).post(`/projects/${project.id}/weeks/${week1}/auto-approval`);
    expect(first.status).toBe(200);
    expect(first.body.approvedEntryIds).toHaveLength(2);
    const retried = await projects.as(service).post(`/projects/${project.id}/weeks/${week1}/auto-approval`);
    expect(retried.body.approvedEntryIds).toEqual([]);
    expect(await approvedEvents(projects, entries[0]!.id)).toHaveLength(0);
    for (const entry of entries.slice(1)) {
      const events = await approvedEvents(projects, entry.id);
      expect(events).toHaveLength(1);
    }
    const approved = await projects.db.prisma.timeEntry.findUniqueOrThrow({ where: { id: entries[1]!.id } });
    expect(approved.approvedBy).toBe('review-window');
  });

  it('is for the sprint workflow only', async () => {
    const { project } = await projectWithHours(['2026-11-23']);
    expect((await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/auto-approval`)).status).toBe(403);
  });
});

describe('on NATS', () => {
  it('the relay publishes each approved entry once', async () => {
    const { project, entries } = await projectWithHours(['2026-11-23', '2026-11-24']);
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {});
    await projects.as(acme).post(`/projects/${project.id}/weeks/${week1}/approval`, {});
    const nats = await createTestNamespace();
    const relay = startOutboxRelay({ prisma: projects.db.prisma, nc: nats.nc, namespace: nats.namespace, source: PROJECTS_SOURCE, logger: createLogger('relay', 'silent') });
    try {
      const jsm = await jetstreamManager(nats.nc);
      const subject = wireSubject(nats.namespace, 'projects.timeentry.approved');
      const published = await eventually('every projects event published', async () => {
        const unpublished = await projects.db.prisma.outboxEvent.count({ where: { source: PROJECTS_SOURCE, publishedAt: null } });
        if (unpublished > 0) return undefined;
        const info = await jsm.streams.info(streamName(nats.namespace), { subjects_filter: subject });
        return info.state.subjects?.[subject] ?? 0;
      });
      const approvedInOutbox = await projects.db.prisma.outboxEvent.count({ where: { subject: 'projects.timeentry.approved' } });
      expect(published).toBe(approvedInOutbox);
      for (const entry of entries) expect(await approvedEvents(projects, entry.id)).toHaveLength(1);
    } finally {
      await relay.stop();
      await nats.cleanup();
    }
  });
});
