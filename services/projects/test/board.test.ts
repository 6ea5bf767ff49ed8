import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme, activeProject, addTask, alice, bob, reportTime, startProjectsApp, week1, type ProjectsApp } from './projects-app.js';

let projects: ProjectsApp;
beforeAll(async () => {
  projects = await startProjectsApp();
});
afterAll(async () => projects?.db.drop());

describe('the board rules', () => {
  it('a to-do task without an estimate is refused', async () => {
    const { id } = await activeProject(projects);
    const res = await projects.as(alice).post(`/projects/${id}/tasks`, { title: 'No estimate' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.estimateMinutes');
  });

  it('an estimate of zero or less is refused', async () => {
    const { id } = await activeProject(projects);
    for (const estimateMinutes of [0, -30]) {
      expect((await projects.as(alice).post(`/projects/${id}/tasks`, { title: 'Bad estimate', estimateMinutes })).status).toBe(400);
    }
    const task = await addTask(projects, id);
    expect((await projects.as(alice).patch(`/projects/${id}/tasks/${task.id}`, { estimateMinutes: 0 })).status).toBe(400);
  });

  it('a task with an estimate goes on the to-do list and announces itself', async () => {
    const { id } = await activeProject(projects);
    const res = await projects.as(acme).post(`/projects/${id}/tasks`, { title: 'Set up pipelines', estimateMinutes: 90 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'todo', estimateMinutes: 90, reportedMinutes: 0 });
    const event = await projects.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'projects.task.created', payload: { path: ['taskId'], equals: res.body.id } } });
    expect(event.payload).toMatchObject({ customerId: 'acme', title: 'Set up pipelines', taskRequestId: null });
  });

  it('a task cannot move to in progress or done without reported time', async () => {
    const { id } = await activeProject(projects);
    const task = await addTask(projects, id);
    for (const status of ['in_progress', 'done']) {
      const res = await projects.as(alice).patch(`/projects/${id}/tasks/${task.id}`, { status });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('time_not_reported');
    }
  });

  it('with reported time the task moves to in progress, then done', async () => {
    const { id } = await activeProject(projects);
    const task = await addTask(projects, id);
    await reportTime(projects, id, task.id, week1, 45);
    const started = await projects.as(alice).patch(`/projects/${id}/tasks/${task.id}`, { status: 'in_progress' });
    expect(started.body).toMatchObject({ status: 'in_progress', reportedMinutes: 45 });
    const done = await projects.as(alice).patch(`/projects/${id}/tasks/${task.id}`, { status: 'done' });
    expect(done.body.status).toBe('done');
    expect(done.body.doneAt).toEqual(expect.any(String));
  });

  it("another project's board is 404", async () => {
    const { id } = await activeProject(projects);
    const task = await addTask(projects, id);
    expect((await projects.as(bob).get(`/projects/${id}/tasks`)).status).toBe(404);
    expect((await projects.as(bob).patch(`/projects/${id}/tasks/${task.id}`, { estimateMinutes: 30 })).status).toBe(404);
  });
});

describe('milestones and stakeholders', () => {
  it('a task can belong to a milestone of its project', async () => {
    const { id } = await activeProject(projects);
    const milestone = await projects.as(acme).post(`/projects/${id}/milestones`, { title: 'Go live', dueOn: '2026-12-18' });
    expect(milestone.status).toBe(201);
    const task = await projects.as(alice).post(`/projects/${id}/tasks`, { title: 'Cut-over', estimateMinutes: 60, milestoneId: milestone.body.id });
    expect(task.body.milestoneId).toBe(milestone.body.id);
    expect((await projects.as(alice).get(`/projects/${id}/milestones`)).body.items).toHaveLength(1);
  });

  it('the customer and ops add stakeholders; the expert reads them but cannot add', async () => {
    const { id } = await activeProject(projects);
    const added = await projects.as(acme).post(`/projects/${id}/stakeholders`, { name: 'Jane Doe', role: 'CFO', email: 'jane@acme.test', phone: '+48 600 100 200' });
    expect(added.status).toBe(201);
    expect((await projects.as(alice).post(`/projects/${id}/stakeholders`, { name: 'X', role: 'Y', email: 'x@acme.test' })).status).toBe(403);
    expect((await projects.as(alice).get(`/projects/${id}/stakeholders`)).body.items).toEqual([expect.objectContaining({ name: 'Jane Doe', phone: '+48 600 100 200' })]);
  });
});
