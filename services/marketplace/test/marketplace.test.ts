import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, expert, listedExpert, offerBody, ops, postedJob, sentOffer, service, startMarketplaceApp, type MarketplaceApp } from './marketplace-app.js';

let m: MarketplaceApp;
beforeAll(async () => {
  m = await startMarketplaceApp();
});
afterAll(async () => m?.db.drop());

describe('expert profiles', () => {
  it('identity registering an expert opens a draft profile; the expert completes and lists it', async () => {
    await m.event('identity.expert.registered', { expertId: 'newbie', userId: randomUUID(), registeredAt: new Date().toISOString() });
    expect((await m.as(ops).get('/experts/newbie/profile')).body).toMatchObject({ listingStatus: 'draft', skills: [] });
    const res = await m.as(expert('newbie')).put('/experts/newbie/profile', { skills: [{ name: 'Zapier', level: 3 }], talentRegion: 'eu_asia', hourlyRateCents: 3000, weeklyHours: 10, listingStatus: 'listed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ skills: [{ name: 'zapier', level: 3 }], listingStatus: 'listed', quality: { npsAverage: null, approvedEntries: 0 } });
    expect((await m.as(expert('other')).put('/experts/newbie/profile', res.body)).status).toBe(404);
  });

  it("quality comes from projects' NPS answers and approved hours", async () => {
    const base = { projectId: randomUUID(), customerId: 'acme', expertId: 'newbie' };
    await m.event('projects.nps.answered', { ...base, surveyId: randomUUID(), period: '2026-11-23', score: 9, detractor: false, answeredAt: new Date().toISOString() });
    await m.event('projects.nps.answered', { ...base, surveyId: randomUUID(), period: '2026-11-30', score: 6, detractor: true, answeredAt: new Date().toISOString() });
    await m.event('projects.timeentry.approved', { ...base, timeEntryId: randomUUID(), minutes: 90, customerRateCents: 5000, expertRateCents: 3000, currency: 'USD', day: '2026-11-24', approvedAt: new Date().toISOString() });
    expect((await m.as(ops).get('/experts/newbie/profile')).body.quality).toEqual({ npsAverage: 7.5, npsAnswers: 2, approvedEntries: 1, approvedMinutes: 90 });
  });
});

describe('jobs', () => {
  it('a job with no skills is a 400 naming the field', async () => {
    const res = await m.as(customer('acme')).post('/jobs', { ...(await import('./marketplace-app.js')).jobBody({ skills: [] }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.fields)).toContain('skills');
  });

  it('a foreign customer can see neither the job nor its offers', async () => {
    await listedExpert(m, 'ana');
    const jobId = await postedJob(m, 'acme');
    await sentOffer(m, jobId, 'ana');
    expect((await m.as(customer('globex')).get(`/jobs/${jobId}`)).status).toBe(404);
    expect((await m.as(customer('globex')).get(`/jobs/${jobId}/offers`)).status).toBe(404);
    expect((await m.as(customer('globex')).post(`/jobs/${jobId}/selection`, { offerId: randomUUID() })).status).toBe(404);
    expect((await m.as(customer('globex')).get('/jobs')).body.items.map((j: { id: string }) => j.id)).not.toContain(jobId);
    expect((await m.as(customer('acme')).get(`/jobs/${jobId}/offers`)).body.items).toHaveLength(1);
  });

  it('experts browsing open jobs see the work, not which company asks for it; the customer and ops do', async () => {
    const jobId = await postedJob(m, 'initech');
    const board = (await m.as(expert('browsing')).get('/jobs?limit=100')).body.items as { id: string; customerId: string | null }[];
    expect(board.find((j) => j.id === jobId)).toMatchObject({ id: jobId, customerId: null });
    expect((await m.as(expert('browsing')).get(`/jobs/${jobId}`)).body).toMatchObject({ id: jobId, customerId: null });
    expect((await m.as(customer('initech')).get(`/jobs/${jobId}`)).body.customerId).toBe('initech');
    expect((await m.as(ops).get(`/jobs/${jobId}`)).body.customerId).toBe('initech');
  });
});

describe('offers', () => {
  it('contact details in an offer are refused with 422 naming what was found', async () => {
    await listedExpert(m, 'bo');
    const jobId = await postedJob(m, 'acme');
    const res = await m.as(expert('bo')).post(`/jobs/${jobId}/offers`, offerBody({ notes: 'Quicker on Telegram: @bo_dev, or bo at gmail dot com' }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('contact_details');
    expect(res.body.error.message).toContain('messenger handle "telegram: @bo_dev"');
    expect(res.body.error.message).toContain('email address "bo at gmail dot com"');
  });

  it('an hourly rate below the expert’s own rate, or its selected expert offering again on a closed job, is 422; to another expert the closed job is missing', async () => {
    await listedExpert(m, 'cy', { hourlyRateCents: 5000 });
    const jobId = await postedJob(m, 'acme');
    const low = await m.as(expert('cy')).post(`/jobs/${jobId}/offers`, offerBody({ rateCents: 4999 }));
    expect(low.status).toBe(422);
    expect(low.body.error.code).toBe('rate_below_own');
    await sentOffer(m, jobId, 'cy', { rateCents: 5000 });
    await listedExpert(m, 'di');
    const offerId = (await m.as(customer('acme')).get(`/jobs/${jobId}/offers`)).body.items[0].id;
    expect((await m.as(customer('acme')).post(`/jobs/${jobId}/selection`, { offerId })).status).toBe(200);
    const closed = await m.as(expert('cy')).post(`/jobs/${jobId}/offers`, offerBody({ rateCents: 5000 }));
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe('job_not_open');
    // Found by the security matrix: another expert learned the job existed and was taken (422); it has left the board.
    const offBoard = await m.as(expert('di')).post(`/jobs/${jobId}/offers`, offerBody());
    expect(offBoard.status).toBe(404);
    expect(offBoard.body).toMatchObject({ error: { code: 'not_found', message: 'job not found' } });
  });

  it('an offer is editable until the customer has seen it; then only withdrawn, and a withdrawn offer cannot be selected', async () => {
    await listedExpert(m, 'ed');
    const jobId = await postedJob(m, 'acme');
    const offerId = await sentOffer(m, jobId, 'ed');
    const edited = await m.as(expert('ed')).put(`/jobs/${jobId}/offers/${offerId}`, offerBody({ rateCents: 4800 }));
    expect(edited.body).toMatchObject({ rateCents: 4800, seenByCustomer: false });
    await m.as(customer('acme')).get(`/jobs/${jobId}/offers`);
    const late = await m.as(expert('ed')).put(`/jobs/${jobId}/offers/${offerId}`, offerBody({ rateCents: 9000 }));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('offer_final');
    expect((await m.as(expert('ed')).post(`/jobs/${jobId}/offers/${offerId}/withdrawal`)).body.status).toBe('withdrawn');
    const select = await m.as(customer('acme')).post(`/jobs/${jobId}/selection`, { offerId });
    expect(select.status).toBe(409);
    expect(select.body.error.code).toBe('offer_not_open');
  });

  it('two selections at once: the first stands, the other is a 409', async () => {
    await listedExpert(m, 'fa');
    await listedExpert(m, 'gu');
    const jobId = await postedJob(m, 'acme');
    const [a, b] = [await sentOffer(m, jobId, 'fa'), await sentOffer(m, jobId, 'gu')];
    const results = await Promise.all([a, b, a].map((offerId) => m.as(customer('acme')).post(`/jobs/${jobId}/selection`, { offerId })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.selectedOfferId;
    expect((await m.as(customer('acme')).get(`/jobs/${jobId}`)).body.selectedOfferId).toBe(winner);
    expect(await m.db.prisma.offer.count({ where: { jobId, status: 'selected' } })).toBe(1);
    expect(await m.db.prisma.outboxEvent.count({ where: { subject: 'marketplace.offer.selected', payload: { path: ['jobId'], equals: jobId } } })).toBe(1);
  });
});

describe('matching and invitation waves', () => {
  it('ranks by skill fit, availability, budget, quality and response speed; ops see the parts; waves invite the next best', async () => {
    const jobId = await postedJob(m, 'wave-co', { skills: ['magento'], budget: { kind: 'hourly', maxRateCents: 7000, capMinutes: 600 } });
    await listedExpert(m, 'm-top', { skills: [{ name: 'magento', level: 5 }], hourlyRateCents: 4000, weeklyHours: 40 });
    await listedExpert(m, 'm-mid', { skills: [{ name: 'magento', level: 3 }], hourlyRateCents: 4000, weeklyHours: 20 });
    await listedExpert(m, 'm-dear', { skills: [{ name: 'magento', level: 5 }], hourlyRateCents: 9000, weeklyHours: 40 });
    await listedExpert(m, 'm-us', { skills: [{ name: 'magento', level: 5 }], talentRegion: 'us_western_europe', hourlyRateCents: 4000, weeklyHours: 40 });
    await listedExpert(m, 'm-paused', { skills: [{ name: 'magento', level: 5 }], listingStatus: 'paused' });
    const matches = (await m.as(ops).get(`/jobs/${jobId}/matches`)).body;
    const order = matches.items.map((x: { expertId: string }) => x.expertId);
    expect(order.slice(0, 2)).toEqual(['m-top', 'm-mid']);
    expect(order).not.toContain('m-paused');
    expect(matches.items[0].parts).toEqual({ skillFit: 1, availability: 1, budgetFit: 1, quality: 0.35, responseSpeed: 0.5 });
    expect(order.indexOf('m-dear')).toBeGreaterThan(order.indexOf('m-mid'));

    const first = await m.as(service).post(`/jobs/${jobId}/invitation-waves`, { wave: 1, size: 2 });
    expect(first.body.invited.map((x: { expertId: string }) => x.expertId)).toEqual(['m-top', 'm-mid']);
    expect((await m.as(service).post(`/jobs/${jobId}/invitation-waves`, { wave: 1, size: 2 })).body.invited).toHaveLength(2);
    const second = await m.as(service).post(`/jobs/${jobId}/invitation-waves`, { wave: 2, size: 2 });
    expect(second.body.invited.map((x: { expertId: string }) => x.expertId)).not.toContain('m-top');
    expect(await m.db.prisma.outboundMail.count({ where: { template: 'marketplace.invitation', idempotencyKey: { startsWith: `invitation:${jobId}` } } })).toBe(4);
    expect((await m.as(customer('wave-co')).get(`/jobs/${jobId}/matches`)).status).toBe(403);
  });

  it("an invited expert's offer records the response time the ranking rewards", async () => {
    const jobId = await postedJob(m, 'speed-co', { skills: ['shopify'] });
    await listedExpert(m, 'quick', { skills: [{ name: 'shopify', level: 4 }] });
    await m.as(service).post(`/jobs/${jobId}/invitation-waves`, { wave: 1, size: 5 });
    await m.db.prisma.jobInvitation.updateMany({ where: { jobId, expertId: 'quick' }, data: { invitedAt: new Date(Date.now() - 30 * 60_000) } });
    await sentOffer(m, jobId, 'quick');
    expect((await m.as(ops).get('/experts/quick/profile')).body.medianResponseMinutes).toBeCloseTo(30, 0);
  });
});

describe('ops', () => {
  it('ops can read the contact-detail patterns; nobody else', async () => {
    const res = await m.as(ops).get('/contact-filter/patterns');
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['email', 'email-spelled', 'phone', 'short-link', 'messenger-handle']));
    expect((await m.as(expert('ana')).get('/contact-filter/patterns')).status).toBe(403);
  });

  it('time to launch per job and its p50/p90', async () => {
    const report = (await m.as(ops).get('/reports/time-to-launch')).body;
    expect(report).toMatchObject({ launched: 0, p50Minutes: null, p90Minutes: null });
    expect(report.jobs.length).toBeGreaterThan(0);
  });
});
