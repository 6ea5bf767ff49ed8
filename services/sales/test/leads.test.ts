import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expert } from '@guild/testkit';
import { acceptTokenOf, alice, bob, leadAt, leadDetails, ops, service, startSales, type Sales } from './sales-app.js';

let sales: Sales;
beforeAll(async () => {
  sales = await startSales();
});
afterAll(async () => sales?.db.drop());

const stageEvents = (leadId: string) =>
  sales.db.prisma.outboxEvent.findMany({ where: { source: 'sales', subject: 'sales.lead.stage_changed', payload: { path: ['leadId'], equals: leadId } }, orderBy: { occurredAt: 'asc' } });

describe('the stages of a sale', () => {
  it('an expert brings a lead, owns it and is its referrer; each stage is announced to its process', async () => {
    const created = await sales.as(alice).post('/leads', leadDetails());
    expect(created.body).toMatchObject({ source: 'expert', ownerId: 'alice', referrerId: 'alice', stage: 'new' });
    const id = await leadAt(sales, 'won');
    expect((await sales.as(alice).get(`/leads/${id}`)).body.stage).toBe('won');
    expect((await stageEvents(id)).map((e) => (e.payload as { stage: string }).stage)).toEqual(['meeting_booked', 'offer_presented', 'draft_sent', 'won']);
  });

  it.each([29, 61])('a %i-minute sales meeting is refused with 400', async (minutes) => {
    const id = await leadAt(sales, 'new');
    const res = await sales.as(alice).post(`/leads/${id}/meeting`, { startsAt: '2026-12-01T10:00:00Z', minutes });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/30 to 60 minutes/);
  });

  it("an outcome on someone else's lead is 404, and changes nothing", async () => {
    const id = await leadAt(sales, 'draft_sent');
    const res = await sales.as(bob).post(`/leads/${id}/outcome`, { outcome: 'lost', reason: 'they went elsewhere' });
    expect(res.status).toBe(404);
    expect((await sales.as(alice).get(`/leads/${id}`)).body.stage).toBe('draft_sent');
  });

  it('a lost lead keeps its reason, and ops and the owner are told', async () => {
    const id = await leadAt(sales, 'offer_presented');
    const res = await sales.as(alice).post(`/leads/${id}/outcome`, { outcome: 'lost', reason: 'budget frozen' });
    expect(res.body).toMatchObject({ stage: 'lost', lostReason: 'budget frozen' });
    const mail = await sales.db.prisma.outboundMail.findUniqueOrThrow({ where: { idempotencyKey: `lead-outcome:${id}` } });
    expect(mail.recipients).toEqual([{ kind: 'ops' }, { kind: 'expert', expertId: 'alice' }]);
  });

  it('a lead cannot be won before its draft was sent', async () => {
    const id = await leadAt(sales, 'meeting_booked');
    expect((await sales.as(alice).post(`/leads/${id}/outcome`, { outcome: 'won' })).status).toBe(409);
  });
});

describe('the list of leads', () => {
  // Experts of their own, so the leads other tests make do not show in these lists.
  const carol = expert('carol');
  const dave = expert('dave');
  const idsOf = (res: { body: { items: { id: string }[] } }) => res.body.items.map((l) => l.id);

  it("an expert sees the leads they own, newest first; another expert's leads never appear", async () => {
    const carols = [await leadAt(sales, 'new', carol), await leadAt(sales, 'meeting_booked', carol), await leadAt(sales, 'new', carol)];
    const daves = await leadAt(sales, 'new', dave);
    const res = await sales.as(carol).get('/leads');
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([...carols].reverse());
    expect(res.body.nextCursor).toBeNull();
    expect(idsOf(await sales.as(dave).get('/leads'))).toEqual([daves]);
    expect(idsOf(await sales.as(dave).get('/leads?ownerId=carol'))).toEqual([]);
  });

  it('pages follow one another without repeating or skipping a lead', async () => {
    const erin = expert('erin');
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push(await leadAt(sales, 'new', erin));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await sales.as(erin).get(`/leads?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...idsOf(res));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it("a cursor this list did not give is 400: made up, or another expert's lead", async () => {
    const daves = await leadAt(sales, 'new', dave);
    for (const cursor of [randomUUID(), daves]) {
      const res = await sales.as(carol).get(`/leads?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_cursor');
    }
  });

  it("ops see every owner's leads and filter them by stage and owner", async () => {
    const carolsDraft = await leadAt(sales, 'draft_sent', carol);
    const davesDraft = await leadAt(sales, 'draft_sent', dave);
    const drafts = await sales.as(ops).get('/leads?stage=draft_sent&limit=100');
    expect(drafts.body.items.every((l: { stage: string }) => l.stage === 'draft_sent')).toBe(true);
    expect(idsOf(drafts)).toEqual(expect.arrayContaining([carolsDraft, davesDraft]));
    expect(idsOf(await sales.as(ops).get('/leads?stage=draft_sent&ownerId=dave'))).toEqual([davesDraft]);
    expect((await sales.as(carol).get('/leads?stage=draft_sent')).body.items).toEqual([expect.objectContaining({ id: carolsDraft, ownerId: 'carol', stage: 'draft_sent' })]);
  });
});

describe('the minimum rate', () => {
  it('an offer below the region minimum is 422 naming it; at the minimum it is presented', async () => {
    const id = await leadAt(sales, 'meeting_booked');
    const low = await sales.as(alice).post(`/leads/${id}/offer`, { rateCents: 4999, hours: 40, talentRegion: 'eu_asia' });
    expect(low.status).toBe(422);
    expect(low.body.error.message).toContain('$50.00/h');
    const us = await sales.as(alice).post(`/leads/${id}/offer`, { rateCents: 9999, hours: 40, talentRegion: 'us_western_europe' });
    expect(us.status).toBe(422);
    expect(us.body.error.message).toContain('$100.00/h');
    expect((await sales.as(alice).post(`/leads/${id}/offer`, { rateCents: 10000, hours: 40, talentRegion: 'us_western_europe' })).body.stage).toBe('offer_presented');
  });

  it('there is no discount field and no override', async () => {
    const id = await leadAt(sales, 'meeting_booked');
    const res = await sales.as(ops).post(`/leads/${id}/offer`, { rateCents: 4000, hours: 40, talentRegion: 'eu_asia', discountPercent: 20 });
    expect(res.status).toBe(400);
    expect((await sales.as(ops).post(`/leads/${id}/offer`, { rateCents: 4000, hours: 40, talentRegion: 'eu_asia' })).status).toBe(422);
  });

  it('ops change the table for new offers, both ways, each change audited with its reason', async () => {
    const id = await leadAt(sales, 'meeting_booked');
    expect((await sales.as(alice).put('/minimum-rates/eu_asia', { rateCents: 3000, reason: 'x' })).status).toBe(403);
    expect((await sales.as(ops).put('/minimum-rates/eu_asia', { rateCents: 6500, reason: 'market review Q1' })).body.rateCents).toBe(6500);
    const refused = await sales.as(alice).post(`/leads/${id}/offer`, { rateCents: 6000, hours: 10, talentRegion: 'eu_asia' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('$65.00/h');
    await sales.as(ops).put('/minimum-rates/eu_asia', { rateCents: 5000, reason: 'back to the standard' });
    expect((await sales.as(alice).post(`/leads/${id}/offer`, { rateCents: 6000, hours: 10, talentRegion: 'eu_asia' })).status).toBe(200);
    const audit = await sales.db.prisma.salesMinimumRateChange.findMany({ where: { region: 'eu_asia' }, orderBy: { changedAt: 'asc' } });
    expect(audit.map((a) => [a.fromRateCents, a.toRateCents, a.reason, a.changedBy])).toEqual([
      [5000, 6500, 'market review Q1', 'ops-1'],
      [6500, 5000, 'back to the standard', 'ops-1'],
    ]);
  });
});

describe('the project draft and its one-time accept link', () => {
  it('the draft is mailed to the contact; opening the link accepts nothing, sending its form wins the lead once', async () => {
    const id = await leadAt(sales, 'draft_sent');
    const mail = await sales.db.prisma.outboundMail.findFirstOrThrow({ where: { idempotencyKey: { startsWith: `lead-draft:${id}:` } } });
    const lead = (await sales.as(alice).get(`/leads/${id}`)).body;
    expect(mail.recipients).toEqual([{ kind: 'address', address: lead.contactEmail }]);
    const token = await acceptTokenOf(sales, id);
    const page = await supertest(sales.app).get('/drafts/accept');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/drafts/accept">');
    expect((await sales.as(alice).get(`/leads/${id}`)).body.stage).toBe('draft_sent');
    const accept = () => supertest(sales.app).post('/drafts/accept').type('form').send({ token });
    expect((await accept()).status).toBe(200);
    expect((await accept()).status).toBe(404);
    expect((await sales.as(alice).get(`/leads/${id}`)).body.stage).toBe('won');
    expect((await stageEvents(id)).filter((e) => (e.payload as { stage: string }).stage === 'won')).toHaveLength(1);
  });

  it('a made-up token is a 404 page', async () => {
    expect((await supertest(sales.app).post('/drafts/accept').type('form').send({ token: 'nope' })).status).toBe(404);
  });

  it("recording the won lead's customer twice keeps one customer and one attribution", async () => {
    const id = await leadAt(sales, 'won');
    const customerId = randomUUID();
    expect((await sales.as(service).post(`/leads/${id}/customer`, { customerId })).body.customerId).toBe(customerId);
    expect((await sales.as(service).post(`/leads/${id}/customer`, { customerId: randomUUID() })).body.customerId).toBe(customerId);
    expect(await sales.db.prisma.salesAttribution.findMany({ where: { leadId: id } })).toEqual([expect.objectContaining({ customerId, referrerId: 'alice' })]);
  });

  it('the owner chooses once how the customer is served', async () => {
    const id = await leadAt(sales, 'won');
    expect((await sales.as(alice).post(`/leads/${id}/handling`, { handling: 'pass_to_pool' })).body.handling).toBe('pass_to_pool');
    expect((await sales.as(alice).post(`/leads/${id}/handling`, { handling: 'serve' })).status).toBe(409);
  });
});

describe('referral codes', () => {
  it("a customer who comes with an expert's code is that expert's lead; the code used twice is attributed once", async () => {
    const code = (await sales.as(bob).get('/experts/bob/referral-code')).body.code as string;
    expect((await sales.as(bob).get('/experts/bob/referral-code')).body.code).toBe(code);
    expect((await sales.as(alice).get('/experts/bob/referral-code')).status).toBe(404);
    const details = leadDetails('Globex');
    const first = await supertest(sales.app).post(`/referrals/${code}/leads`).send(details);
    const second = await supertest(sales.app).post(`/referrals/${code}/leads`).send(details);
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const lead = (await sales.as(bob).get(`/leads/${first.body.id}`)).body;
    expect(lead).toMatchObject({ source: 'referral', referrerId: 'bob', ownerId: 'bob' });
    expect(await sales.db.prisma.salesLead.count({ where: { referralCode: code } })).toBe(1);
    expect((await supertest(sales.app).post('/referrals/ref-unknown/leads').send(details)).status).toBe(404);
  });
});

describe('the report', () => {
  it('shows the pipeline by stage and the win rate to ops only', async () => {
    const res = await sales.as(ops).get('/reports/sales');
    expect(res.status).toBe(200);
    expect(res.body.pipeline.won).toBeGreaterThanOrEqual(3);
    expect(res.body.winRate).toBeGreaterThan(0);
    expect((await sales.as(alice).get('/reports/sales')).status).toBe(403);
  });
});
