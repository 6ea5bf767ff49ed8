import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme, activeProject, addTask, alice, ops, reportTime, service, startProjectsApp, week1, week2, type ProjectsApp } from './projects-app.js';

let projects: ProjectsApp;
beforeAll(async () => {
  projects = await startProjectsApp();
});
afterAll(async () => projects?.db.drop());

describe('the sprint of a week', () => {
  it('totals minutes per task and against a weekly budget, with the planned tasks', async () => {
    const { id } = await activeProject(projects);
    const crm = await addTask(projects, id, 'CRM import');
    const mail = await addTask(projects, id, 'Mail templates');
    await reportTime(projects, id, crm.id, '2026-11-23', 120);
    await reportTime(projects, id, crm.id, '2026-11-24', 60);
    await reportTime(projects, id, mail.id, '2026-11-29', 30);
    await reportTime(projects, id, mail.id, week2, 45);
    const planned = await projects.as(alice).put(`/projects/${id}/weeks/${week1}/plan`, { taskIds: [crm.id, mail.id] });
    expect(planned.status).toBe(200);
    const sprint = (await projects.as(acme).get(`/projects/${id}/weeks/${week1}`)).body;
    expect(sprint).toMatchObject({
      weekStart: week1,
      weekEnd: '2026-11-29',
      plannedTaskIds: [crm.id, mail.id],
      minutesPerTask: [
        { taskId: crm.id, title: 'CRM import', minutes: 180 },
        { taskId: mail.id, title: 'Mail templates', minutes: 30 },
      ],
      totalMinutes: 210,
      budget: { kind: 'per_week', budgetMinutes: 1200, usedMinutes: 210, remainingMinutes: 990 },
      summarySentAt: null,
      npsDue: true,
    });
  });

  it('a capped budget counts everything up to the week', async () => {
    const { id } = await activeProject(projects, { budget: { kind: 'cap', minutes: 600 } });
    const task = await addTask(projects, id);
    await reportTime(projects, id, task.id, week1, 100);
    await reportTime(projects, id, task.id, week2, 200);
    expect((await projects.as(acme).get(`/projects/${id}/weeks/${week2}`)).body.budget).toEqual({ kind: 'cap', budgetMinutes: 600, usedMinutes: 300, remainingMinutes: 300 });
  });

  it('weeks start on the project week start day', async () => {
    const { id } = await activeProject(projects, { weekStartDay: 'sunday' });
    expect((await projects.as(acme).get(`/projects/${id}/weeks/${week1}`)).status).toBe(400);
    expect((await projects.as(acme).get(`/projects/${id}/weeks/2026-11-22`)).status).toBe(200);
  });
});

describe('the weekly summary', () => {
  it("tells tasks done, hours per task and in total, the budget, next week's plan and open disputes", async () => {
    const { id } = await activeProject(projects);
    const done = await addTask(projects, id, 'Done this week');
    const next = await addTask(projects, id, 'Next up', 240);
    await reportTime(projects, id, done.id, week1, 90);
    const disputed = await reportTime(projects, id, done.id, '2026-11-24', 30);
    await projects.as(alice).patch(`/projects/${id}/tasks/${done.id}`, { status: 'done' });
    await projects.db.prisma.task.update({ where: { id: done.id }, data: { doneAt: new Date('2026-11-25T10:00:00Z') } });
    await projects.as(acme).post(`/projects/${id}/weeks/${week1}/disputes`, { disputes: [{ timeEntryId: disputed.id, reason: 'Duplicate' }] });
    const summary = await projects.as(service).get(`/projects/${id}/weeks/${week1}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      projectTitle: 'CRM rollout',
      tasksDone: [{ taskId: done.id, title: 'Done this week' }],
      minutesPerTask: [{ taskId: done.id, minutes: 120 }],
      totalMinutes: 120,
      budget: { usedMinutes: 120, budgetMinutes: 1200 },
      nextWeekPlan: [{ taskId: next.id, title: 'Next up', estimateMinutes: 240 }],
      openDisputes: [{ timeEntryId: disputed.id, minutes: 30, reason: 'Duplicate' }],
    });
  });

  it('the sprint workflow marks the summary sent once', async () => {
    const { id } = await activeProject(projects);
    const first = await projects.as(service).post(`/projects/${id}/weeks/${week1}/summary-sent`);
    expect(first.body.summarySentAt).toEqual(expect.any(String));
    const again = await projects.as(service).post(`/projects/${id}/weeks/${week1}/summary-sent`);
    expect(again.body.summarySentAt).toBe(first.body.summarySentAt);
  });

  it('the customer asks for a summary call at their preferred time, and ops see it', async () => {
    const { id } = await activeProject(projects);
    const call = await projects.as(acme).post(`/projects/${id}/weeks/${week1}/summary-call`, { preferredAt: '2026-11-27T15:00:00Z', note: 'After lunch' });
    expect(call.status).toBe(201);
    const calls = await projects.as(ops).get(`/summary-calls?projectId=${id}`);
    expect(calls.body.items).toEqual([expect.objectContaining({ id: call.body.id, preferredAt: '2026-11-27T15:00:00.000Z', requestedBy: 'user-acme' })]);
    expect(await projects.db.prisma.outboxEvent.count({ where: { subject: 'projects.summarycall.requested', payload: { path: ['requestId'], equals: call.body.id } } })).toBe(1);
  });
});
