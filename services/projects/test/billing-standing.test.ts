import { randomUUID } from 'node:crypto';
import { customerReinstated, customerSuspended, type EventEnvelope } from '@guild/contracts';
import { createLogger, wireSubject } from '@guild/platform';
import { createTestNamespace, eventually, type TestNamespace } from '@guild/testkit';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBillingStandingConsumer } from '../src/consumers/billing-standing.js';
import { activeProject, ops, startProjectsApp, type ProjectsApp } from './projects-app.js';

// Billing's suspension and reinstatement reach projects over NATS, as billing's outbox relay sends them.
let projects: ProjectsApp;
let ns: TestNamespace;
let consumer: { stop(): Promise<void> };

beforeAll(async () => {
  projects = await startProjectsApp();
  ns = await createTestNamespace();
  consumer = startBillingStandingConsumer({ nc: ns.nc, namespace: ns.namespace, logger: createLogger('billing-standing-test', 'silent'), prisma: projects.db.prisma });
});
afterAll(async () => {
  await consumer?.stop();
  await ns?.cleanup();
  await projects?.db.drop();
});

async function billingSays(subject: string, customerId: string, invoiceId: string, id: string = randomUUID()) {
  const event: EventEnvelope = { id, subject, version: 1, source: 'billing', occurredAt: new Date().toISOString(), payload: { customerId, invoiceId, at: new Date().toISOString() } };
  await jetstream(ns.nc).publish(wireSubject(ns.namespace, subject), JSON.stringify(event), { msgID: `${id}-${randomUUID()}` });
  // The positive marker that the consumer got past this event.
  await eventually(`projects handled ${subject} ${id}`, async () =>
    (await projects.db.prisma.processedEvent.findUnique({ where: { consumer_eventId: { consumer: 'projects-billing-standing', eventId: id } } })) ?? undefined,
  );
  return id;
}
const suspend = (customerId: string, invoiceId: string, id?: string) => billingSays(customerSuspended.subject, customerId, invoiceId, id);
const reinstate = (customerId: string, invoiceId: string, id?: string) => billingSays(customerReinstated.subject, customerId, invoiceId, id);

const statusOf = async (projectId: string) => (await projects.as(ops).get(`/projects/${projectId}`)).body.status as string;
const statusEvents = (subject: string, projectId: string) =>
  projects.db.prisma.outboxEvent.count({ where: { subject, payload: { path: ['projectId'], equals: projectId } } });

describe('an invoice unpaid past dunning', () => {
  it("pauses the customer's active projects for an unpaid invoice, once however often billing says so, and resumes only those once paid", async () => {
    const crm = await activeProject(projects, { customerId: 'hooli' });
    const website = await activeProject(projects, { customerId: 'hooli', title: 'Website' });
    const pausedByOps = await activeProject(projects, { customerId: 'hooli', title: 'Data warehouse' });
    expect((await projects.as(ops).post(`/projects/${pausedByOps.id}/pause`)).status).toBe(200);
    const otherCustomer = await activeProject(projects, { customerId: 'initech' });
    const invoiceId = randomUUID();

    const first = await suspend('hooli', invoiceId);
    await suspend('hooli', invoiceId, first);
    await suspend('hooli', invoiceId);
    expect([await statusOf(crm.id), await statusOf(website.id), await statusOf(pausedByOps.id), await statusOf(otherCustomer.id)]).toEqual(['paused', 'paused', 'paused', 'active']);
    // projects.project.paused stops each sprint, once per project.
    expect(await statusEvents('projects.project.paused', crm.id)).toBe(1);
    expect(await statusEvents('projects.project.paused', website.id)).toBe(1);
    const held = await projects.db.prisma.projectBillingPause.findMany({ where: { invoiceId }, orderBy: { projectId: 'asc' } });
    expect(held.map((h) => [h.projectId, h.reason])).toEqual([crm.id, website.id].sort().map((id) => [id, 'unpaid invoice']));

    const paid = await reinstate('hooli', invoiceId);
    await reinstate('hooli', invoiceId, paid);
    expect([await statusOf(crm.id), await statusOf(website.id), await statusOf(pausedByOps.id)]).toEqual(['active', 'active', 'paused']);
    expect(await statusEvents('projects.project.resumed', crm.id)).toBe(1);
    expect(await statusEvents('projects.project.resumed', pausedByOps.id)).toBe(0);
  });

  it('keeps a project paused while another unpaid invoice still holds it', async () => {
    const project = await activeProject(projects, { customerId: 'umbrella' });
    const [october, november] = [randomUUID(), randomUUID()];
    await suspend('umbrella', october);
    await suspend('umbrella', november);
    expect(await statusOf(project.id)).toBe('paused');

    await reinstate('umbrella', october);
    expect(await statusOf(project.id)).toBe('paused');
    await reinstate('umbrella', november);
    expect(await statusOf(project.id)).toBe('active');
  });

  it('leaves a project ops ended meanwhile ended when the invoice is paid', async () => {
    const project = await activeProject(projects, { customerId: 'soylent' });
    const invoiceId = randomUUID();
    await suspend('soylent', invoiceId);
    expect((await projects.as(ops).post(`/projects/${project.id}/end`)).status).toBe(200);
    await reinstate('soylent', invoiceId);
    expect(await statusOf(project.id)).toBe('ended');
  });
});
