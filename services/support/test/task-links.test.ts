import { randomUUID } from 'node:crypto';
import { taskCreated } from '@guild/contracts';
import { createLogger, wireSubject } from '@guild/platform';
import { createTestNamespace } from '@guild/testkit';
import { jetstream } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskLinkConsumer } from '../src/consumers/link-created-tasks.js';
import { expert, ops, customer, startSupportApp } from './support-app.js';

let support: Awaited<ReturnType<typeof startSupportApp>>;
let ns: Awaited<ReturnType<typeof createTestNamespace>>;
let consumer: { stop(): Promise<void> };

beforeAll(async () => {
  support = await startSupportApp();
  ns = await createTestNamespace();
  consumer = startTaskLinkConsumer({ nc: ns.nc, namespace: ns.namespace, prisma: support.db.prisma, logger: createLogger('test', 'silent') });
  await support.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => {
  await consumer?.stop();
  await ns?.cleanup();
  await support?.db.drop();
});

describe('action replies', () => {
  it('the task the project board creates is linked back to the reply that asked for it', async () => {
    const query = (await support.as(customer('acme')).post('/queries', { subject: 'Add SSO', body: 'Please.' })).body;
    const reply = await support.as(expert('alice')).post(`/queries/${query.id}/replies`, {
      kind: 'action',
      answer: 'We will add SSO.',
      etaMinutes: 600,
      task: { title: 'Add SSO for Acme' },
    });
    const taskRequestId = reply.body.replies[0].taskRequestId as string;
    expect(taskRequestId).toEqual(expect.any(String));

    const envelope = {
      id: randomUUID(),
      subject: taskCreated.subject,
      version: 1,
      source: 'projects',
      occurredAt: new Date().toISOString(),
      payload: { taskId: 'task-42', taskRequestId, customerId: 'acme', title: 'Add SSO for Acme', createdAt: new Date().toISOString() },
    };
    await jetstream(ns.nc).publish(wireSubject(ns.namespace, taskCreated.subject), JSON.stringify(envelope), { msgID: envelope.id });

    const deadline = Date.now() + 10_000;
    let taskId: string | null = null;
    while (Date.now() < deadline && !taskId) {
      taskId = (await support.as(customer('acme')).get(`/queries/${query.id}`)).body.replies[0].taskId;
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taskId).toBe('task-42');
  });

  it('an action reply without a task is refused, naming the field', async () => {
    const query = (await support.as(customer('acme')).post('/queries', { subject: 'More', body: 'Please.' })).body;
    const res = await support.as(expert('alice')).post(`/queries/${query.id}/replies`, { kind: 'action', answer: 'Will do.', etaMinutes: 60 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.task');
  });
});
