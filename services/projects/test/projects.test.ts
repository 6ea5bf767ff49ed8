import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acme, activeProject, alice, bob, globex, ops, projectBody, service, startProjectsApp, type ProjectsApp } from './projects-app.js';

let projects: ProjectsApp;
beforeAll(async () => {
  projects = await startProjectsApp();
});
afterAll(async () => projects?.db.drop());

describe('creating a project', () => {
  it('ops create a launching project with both rates, and its event names the engagement', async () => {
    const res = await projects.as(ops).post('/projects', projectBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'launching', customerRateCents: 9_000, expertRateCents: 6_000, currency: 'USD', npsCadence: 'weekly' });
    const event = await projects.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'projects.project.created', payload: { path: ['projectId'], equals: res.body.id } } });
    expect(event.payload).toMatchObject({ customerId: 'acme', expertId: 'alice', customerRateCents: 9_000, expertRateCents: 6_000 });
  });

  it('the hiring and sales processes create projects as a service', async () => {
    expect((await projects.as(service).post('/projects', projectBody())).status).toBe(201);
  });

  it('a negative rate is refused', async () => {
    const res = await projects.as(ops).post('/projects', projectBody({ customerRateCents: -100 }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.customerRateCents');
  });

  it('a project without a rate is refused', async () => {
    const { expertRateCents: _, ...withoutRate } = projectBody();
    const res = await projects.as(ops).post('/projects', withoutRate);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.expertRateCents');
  });

  it('an unknown time zone is refused', async () => {
    expect((await projects.as(ops).post('/projects', projectBody({ timeZone: 'Mars/Olympus' }))).status).toBe(400);
  });

  it('customers and experts cannot create projects', async () => {
    expect((await projects.as(acme).post('/projects', projectBody())).status).toBe(403);
    expect((await projects.as(alice).post('/projects', projectBody())).status).toBe(403);
  });
});

describe('who sees a project', () => {
  it("the customer's members, its expert and ops read it; another customer or expert gets 404", async () => {
    const { id } = await activeProject(projects);
    for (const caller of [acme, alice, ops, service]) expect((await projects.as(caller).get(`/projects/${id}`)).status).toBe(200);
    for (const caller of [globex, bob]) {
      const res = await projects.as(caller).get(`/projects/${id}`);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('CRM rollout');
    }
    expect((await projects.as(ops).get(`/projects/${randomUUID()}`)).status).toBe(404);
  });

  it('lists only your own projects, a page at a time', async () => {
    for (let i = 0; i < 3; i++) await activeProject(projects, { title: `paged ${i}` });
    const first = await projects.as(acme).get('/projects?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await projects.as(acme).get(`/projects?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await projects.as(globex).get('/projects')).body.items).toEqual([]);
    expect((await projects.as(bob).get('/projects')).body.items).toEqual([]);
  });

  it('every ops read is audited', async () => {
    const { id } = await activeProject(projects);
    await projects.as(ops).get(`/projects/${id}`);
    const audit = await projects.db.prisma.projectsOpsAuditEntry.findFirst({ where: { action: 'GET /projects/:id', target: { contains: id } } });
    expect(audit).toMatchObject({ actor: 'ops-1' });
  });
});

describe('the project lifecycle', () => {
  it('launching → active ⇄ paused → ended, each move with its event', async () => {
    const { id } = await activeProject(projects);
    expect((await projects.as(ops).post(`/projects/${id}/pause`)).body.status).toBe('paused');
    expect((await projects.as(ops).post(`/projects/${id}/resumption`)).body.status).toBe('active');
    expect((await projects.as(ops).post(`/projects/${id}/end`)).body.status).toBe('ended');
    const subjects = (
      await projects.db.prisma.outboxEvent.findMany({ where: { payload: { path: ['projectId'], equals: id } }, orderBy: { occurredAt: 'asc' } })
    ).map((e) => e.subject);
    expect(subjects).toEqual([
      'projects.project.created',
      'projects.project.activated',
      'projects.project.paused',
      'projects.project.resumed',
      'projects.project.ended',
    ]);
  });

  it('a move from the wrong status is 409 and says why', async () => {
    const { id } = await activeProject(projects);
    const res = await projects.as(ops).post(`/projects/${id}/resumption`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'project_status', message: 'the project is active: it cannot be resumed' });
  });

  it('only ops and services move a project', async () => {
    const { id } = await activeProject(projects);
    expect((await projects.as(acme).post(`/projects/${id}/pause`)).status).toBe(403);
  });
});
