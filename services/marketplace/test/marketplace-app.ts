import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger } from '@guild/platform';
import { callerAs, customer, expert, ops, service, testJwtSecret } from '@guild/testkit';
import { expect } from 'vitest';
import { handleProfileSources } from '../src/consumers/profile-sources.js';
import { createServer } from '../src/server.js';

/** The marketplace app on a fresh database, as the services and people call it. */
export async function startMarketplaceApp() {
  const db = await createTestDatabase();
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('marketplace-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    settings: { expertMailDomain: 'experts.test', projectsPublicUrl: 'http://board.test' },
  });
  const deliver = handleProfileSources(db.prisma);
  const event = (subject: string, payload: object) => deliver({ id: randomUUID(), subject, version: 1, source: 'test', occurredAt: new Date().toISOString(), payload });
  return { db, app, as: callerAs(app), event };
}
export type MarketplaceApp = Awaited<ReturnType<typeof startMarketplaceApp>>;

export { customer, expert, ops, service };

export const profile = (over: Record<string, unknown> = {}) => ({
  headline: 'Salesforce and HubSpot integrator',
  skills: [{ name: 'salesforce', level: 5 }, { name: 'hubspot', level: 4 }],
  technologies: ['Zapier', 'Node.js'],
  talentRegion: 'eu_asia',
  hourlyRateCents: 4000,
  weeklyHours: 30,
  listingStatus: 'listed',
  ...over,
});

export const jobBody = (over: Record<string, unknown> = {}) => ({
  title: 'Migrate our CRM to Salesforce',
  description: 'Move 20k HubSpot contacts and deals to Salesforce and keep them in sync.',
  tasks: ['Map fields', 'Migrate contacts and deals', 'Set up the sync'],
  skills: ['salesforce', 'hubspot'],
  budget: { kind: 'hourly', maxRateCents: 6000, capMinutes: 40 * 60 },
  desiredStart: '2026-12-07',
  ...over,
});

export const offerBody = (over: Record<string, unknown> = {}) => ({
  kind: 'hourly',
  rateCents: 4500,
  isEstimate: false,
  scope: 'Field mapping, migration in two batches, a two-way sync with conflict rules.',
  schedule: 'Mapping in week 1, migration in week 2, sync in week 3.',
  ...over,
});

/** A listed expert with the given profile. */
export async function listedExpert(m: MarketplaceApp, expertId: string, over: Record<string, unknown> = {}) {
  const res = await m.as(ops).put(`/experts/${expertId}/profile`, profile(over));
  expect(res.status).toBe(200);
}

export async function postedJob(m: MarketplaceApp, customerId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await m.as(customer(customerId)).post('/jobs', jobBody(over));
  expect(res.status).toBe(201);
  return res.body.id;
}

export async function sentOffer(m: MarketplaceApp, jobId: string, expertId: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await m.as(expert(expertId)).post(`/jobs/${jobId}/offers`, offerBody(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
