import { allEvents, type EventEnvelope } from '@guild/contracts';
import type { Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { allEventRoutes, type ProcessPolicies } from './event-handlers.js';

// Handlers are only built here, never called: neither the client nor the policies are touched.
const routes = allEventRoutes({ client: {} as Client, taskQueue: 'guild' }, {} as ProcessPolicies);

function event(subject: string, payload: Record<string, unknown>): EventEnvelope {
  return { id: crypto.randomUUID(), subject, version: 1, source: 'test', occurredAt: new Date().toISOString(), payload };
}

describe('the bridge keeps each workflow’s events in order', () => {
  it('every event it follows names its workflow in its contract', () => {
    const subjects = Object.keys(routes.handlers);
    expect(subjects.length).toBeGreaterThan(20);
    for (const subject of subjects) {
      const definition = allEvents.find((e) => e.subject === subject);
      expect(definition, subject).toBeDefined();
      const fields = Object.keys((definition!.payload as unknown as { shape: Record<string, unknown> }).shape);
      const keys = routes.orderKeysOf(event(subject, Object.fromEntries(fields.map((f) => [f, `${f}-1`]))));
      expect(keys.filter((k) => k.startsWith('subject:')), subject).toEqual([]);
    }
  });

  it('a project paused then resumed shares one lane; another project’s events do not', () => {
    const paused = routes.orderKeysOf(event('projects.project.paused', { projectId: 'p1', customerId: 'c1' }));
    const resumed = routes.orderKeysOf(event('projects.project.resumed', { projectId: 'p1', customerId: 'c1' }));
    const other = routes.orderKeysOf(event('projects.project.resumed', { projectId: 'p2', customerId: 'c1' }));
    expect(paused).toEqual(resumed);
    expect(other).not.toEqual(paused);
  });

  it('queries of one customer and one expert are separate lanes; a query’s reply follows its submission', () => {
    const submitted = (queryId: string) => routes.orderKeysOf(event('support.query.submitted', { queryId, customerId: 'c1', assignedExpertId: 'e1' }));
    const replied = routes.orderKeysOf(event('support.query.replied', { queryId: 'q1', expertId: 'e1' }));
    expect(submitted('q1')).toEqual(replied);
    expect(submitted('q2')).not.toEqual(submitted('q1'));
  });
});
