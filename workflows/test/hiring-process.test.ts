import { randomUUID } from 'node:crypto';
import { jobPosted, offerSelected, offerSubmitted } from '@guild/contracts';
import { recordEvent } from '@guild/platform';
import { customer, eventually, expert, ops } from '@guild/testkit';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendationQuery, selectOfferUpdate } from '../src/hiring/messages.js';
import { hiringPolicySchema } from '../src/hiring/policy.js';
import { searchAttributes } from '../src/search-attributes.js';
import { recordHistory } from './histories.js';
import { expertMailDomain, startHiringStack, type HiringStack } from './hiring-stack.js';

// The hiring process against real PostgreSQL, NATS, Temporal and the mail sink, with the 24 hours
// scaled to 25 s: no offers by 8 s, no choice by 15 s, not launched by 25 s; waves of 2 experts
// that need 2 offers within 3 s; the checklist read every second, reminders every 3 s.
const policy = hiringPolicySchema.parse({
  noOffersBy: '8s',
  selectBy: '15s',
  launchBy: '25s',
  waveWindow: '3s',
  waveSize: 2,
  minOffersPerWave: 2,
  maxWaves: 3,
  onboardingCheckEvery: '1s',
  onboardingReminderEvery: '3s',
});

let stack: HiringStack;
const started: WorkflowHandle[] = [];
beforeAll(async () => {
  stack = await startHiringStack(policy);
});
afterAll(async () => {
  // A test that stops before its job launched leaves no hiring running on the shared server.
  for (const handle of started) await handle.terminate('test file finished').catch(() => undefined);
  await stack?.stop();
});

/** A customer and experts of their own (a skill no other test's experts have), so rankings and mails are this test's alone. */
function people(expertCount: number) {
  const run = randomUUID().slice(0, 8);
  return {
    customerId: `acme-${run}`,
    skill: `salesforce-${run}`,
    // Named so that the ranking (score ties break by id) invites them in this order.
    expertIds: Array.from({ length: expertCount }, (_, i) => `${String.fromCharCode(97 + i)}-expert-${run}`),
  };
}

async function listExperts(skill: string, expertIds: string[]) {
  for (const [i, expertId] of expertIds.entries()) {
    const res = await stack.marketplace(ops, 'PUT', `/experts/${expertId}/profile`, {
      headline: `CRM integrator ${i + 1}`,
      skills: [{ name: skill, level: 5 }],
      technologies: ['HubSpot'],
      talentRegion: 'eu_asia',
      hourlyRateCents: 4000,
      // Fewer free hours further down the list: the ranking is the list's order.
      weeklyHours: 20 - i * 2,
      listingStatus: 'listed',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

async function postJob(customerId: string, skill: string, title: string) {
  const res = await stack.marketplace<{ id: string }>(customer(customerId), 'POST', '/jobs', {
    title,
    description: 'Move our HubSpot contacts and deals to Salesforce and keep them in sync.',
    tasks: ['Map the fields', 'Migrate contacts and deals', 'Set up the two-way sync'],
    skills: [skill],
    budget: { kind: 'hourly', maxRateCents: 9000, capMinutes: 40 * 60 },
    desiredStart: '2026-12-07',
    timeZone: 'Europe/Warsaw',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const hiring = await stack.hiringOf(res.body.id);
  started.push(hiring);
  return { jobId: res.body.id, hiring };
}

async function sendOffer(jobId: string, expertId: string, rateCents = 4500) {
  const res = await stack.marketplace<{ id: string }>(expert(expertId), 'POST', `/jobs/${jobId}/offers`, {
    kind: 'hourly',
    rateCents,
    isEstimate: false,
    scope: 'Field mapping, the migration in two batches, a two-way sync with conflict rules.',
    schedule: 'Mapping in week 1, migration in week 2, the sync in week 3.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const offersKnownTo = (hiring: WorkflowHandle, count: number) =>
  eventually(`${count} offer(s) known to ${hiring.workflowId}`, async () => {
    const view = await hiring.query(recommendationQuery);
    return view.offers.length >= count ? view : undefined;
  });

/** The customer's part of onboarding (tool access through the vault, a stakeholder) and the expert's (scope, budget, guidelines). */
async function onboard(jobId: string, projectId: string, customerId: string, expertId: string, secret: string) {
  const handedOver = await eventually('the vault knows the project', async () => {
    const res = await stack.vault<{ id: string }>(customer(customerId), 'POST', `/projects/${projectId}/credentials`, { system: 'Salesforce (production)', login: `admin@${customerId}.example`, secret, notes: `backup codes ${secret}-notes` });
    return res.status === 201 ? res : undefined;
  });
  expect(handedOver.body.id).toEqual(expect.any(String));
  const stakeholder = await stack.projects(customer(customerId), 'POST', `/projects/${projectId}/stakeholders`, { name: 'Dana Lee', role: 'Head of sales', email: `dana@${customerId}.example`, phone: '+48 600 100 200' });
  expect(stakeholder.status).toBe(201);
  for (const item of ['scope_agreed', 'budget_agreed', 'guidelines_acknowledged']) {
    expect((await stack.marketplace(expert(expertId), 'POST', `/jobs/${jobId}/onboarding`, { item })).status).toBe(200);
  }
}

describe('hiring within 24 hours', () => {
  it('invites the best experts, takes the customer’s choice, signs the project, welcomes both sides, onboards and launches with the sprint running; the vault’s secret never reaches the history', async () => {
    const { customerId, skill, expertIds } = people(2);
    const [ana, ben] = expertIds as [string, string];
    await listExperts(skill, expertIds);
    const title = `CRM migration ${customerId}`;
    const { jobId, hiring } = await postJob(customerId, skill, title);

    // Wave 1 invites both experts; each is mailed the job.
    const invitation = await stack.mailTo(stack.addressOf.expert(ana), `New job for you: ${title}`);
    expect(invitation.text).toContain(`Skills: ${skill}.`);
    expect(invitation.text).toContain(`POST /jobs/${jobId}/offers`);
    expect(invitation.text).toContain('Do not put contact details in it');
    await stack.mailTo(stack.addressOf.expert(ben), `New job for you: ${title}`);

    const anaOffer = await sendOffer(jobId, ana, 4500);
    await sendOffer(jobId, ben, 5200);
    const offerMail = await stack.mailTo(stack.addressOf.company(customerId), `New offer for "${title}": $45.00/h`);
    expect(offerMail.text).toContain(`GET /jobs/${jobId}/offers`);
    const recommended = await offersKnownTo(hiring, 2);
    expect(recommended).toMatchObject({ stage: 'choosing', waves: 1, selectedOfferId: null });

    // The customer sees the offers best match first and chooses Ana's.
    const offers = await stack.marketplace<{ items: { id: string; score: number }[] }>(customer(customerId), 'GET', `/jobs/${jobId}/offers`);
    expect(offers.body.items.map((o) => o.id)).toContain(anaOffer);
    expect((await stack.marketplace(customer(customerId), 'POST', `/jobs/${jobId}/selection`, { offerId: anaOffer })).status).toBe(200);
    const selectedMail = await stack.mailTo(stack.addressOf.expert(ana), `You were selected for "${title}"`);
    expect(selectedMail.text).toContain('$45.00/h');

    // The contract: the project in projects with both rates.
    const projectId = await eventually('the project is signed', async () => (await hiring.query(recommendationQuery)).projectId ?? undefined);
    const project = await stack.projects<{ status: string; customerId: string; expertId: string; expertRateCents: number; customerRateCents: number }>(ops, 'GET', `/projects/${projectId}`);
    expect(project.body).toMatchObject({ status: 'launching', customerId, expertId: ana, expertRateCents: 4500 });
    expect(project.body.customerRateCents).toBeGreaterThan(4500);

    // Both sides welcomed; replies go to the expert's dedicated address on our domain.
    const customerWelcome = await stack.mailTo(stack.addressOf.company(customerId), `Welcome: your expert for "${title}" is ready`);
    expect(customerWelcome.text).toContain('CRM integrator 1');
    expect(customerWelcome.text).toContain(`$${(project.body.customerRateCents / 100).toFixed(2)}/h`);
    expect(customerWelcome.text).toContain(`/projects/${projectId}`);
    expect(customerWelcome.text).toContain('Your deposit invoice follows from billing.');
    const expertWelcome = await stack.mailTo(stack.addressOf.expert(ana), `Welcome to the project "${title}"`);
    expect(expertWelcome.text).toContain(`You work for customer ${customerId}`);
    expect(expertWelcome.text).toContain('$45.00/h');
    expect(expertWelcome.text).toContain('  - Set up the two-way sync');
    expect(expertWelcome.text).toContain('guidelines');
    for (const welcome of [customerWelcome, expertWelcome]) expect((await stack.sink.headersOf(welcome))['reply-to']).toBe(`${ana}@${expertMailDomain}`);

    // Until onboarding is done the checklist names what is missing.
    const waiting = await eventually('the checklist read', async () => {
      const view = await hiring.query(recommendationQuery);
      return view.stage === 'onboarding' && view.missing.length ? view : undefined;
    });
    expect(waiting.missing).toContain('tool access (credentials)');

    const secret = `sf-${randomUUID()}-Zürich`;
    await onboard(jobId, projectId, customerId, ana, secret);
    const outcome = await hiring.result();
    expect(outcome).toMatchObject({ projectId, breached: false });
    expect(outcome.minutesToLaunch).toBeGreaterThanOrEqual(0);

    // Launched: the project is active and its weekly sprint runs; the job shows the launch.
    expect((await stack.projects<{ status: string }>(ops, 'GET', `/projects/${projectId}`)).body.status).toBe('active');
    await stack.runningWorkflow(`sprint-${projectId}`);
    const job = await stack.marketplace<{ status: string; launchedAt: string | null; slaBreachedAt: string | null }>(customer(customerId), 'GET', `/jobs/${jobId}`);
    expect(job.body).toMatchObject({ status: 'launched', launchedAt: expect.any(String), slaBreachedAt: null });
    expect((await stack.projects<{ items: unknown[] }>(customer(customerId), 'GET', '/projects')).body.items).toHaveLength(1);

    // The history as the server keeps it (this stack has no codec: payloads are plain JSON) holds
    // the project's id but neither the secret nor the notes handed over through the vault.
    const history = Buffer.from(proto.api.history.v1.History.encode(await hiring.fetchHistory()).finish());
    expect(history.includes(projectId)).toBe(true);
    expect(history.includes(secret)).toBe(false);
    expect(history.includes(`backup codes ${secret}`)).toBe(false);
    await recordHistory('hiring-launched', hiring);
  });

  it('widens to the next wave when a wave brings fewer offers than it needs', async () => {
    const { customerId, skill, expertIds } = people(4);
    const [first, second, third, fourth] = expertIds as [string, string, string, string];
    await listExperts(skill, expertIds);
    const title = `Sales pipeline ${customerId}`;
    const { jobId, hiring } = await postJob(customerId, skill, title);

    await stack.mailTo(stack.addressOf.expert(first), `New job for you: ${title}`);
    await sendOffer(jobId, first);
    // One offer where two are needed: after the window the next two experts are invited.
    const wave2 = await eventually('the second wave', async () => {
      const view = await hiring.query(recommendationQuery);
      return view.waves >= 2 ? view : undefined;
    }, { timeoutMs: 15_000 });
    expect(wave2.offers).toHaveLength(1);
    for (const invited of [third, fourth]) await stack.mailTo(stack.addressOf.expert(invited), `New job for you: ${title}`);

    const matches = await stack.marketplace<{ invitations: { expertId: string; wave: number; respondedAt: string | null; parts: Record<string, number> }[] }>(ops, 'GET', `/jobs/${jobId}/matches`);
    const waveOf = Object.fromEntries(matches.body.invitations.map((i) => [i.expertId, i.wave]));
    expect(waveOf).toEqual({ [first]: 1, [second]: 1, [third]: 2, [fourth]: 2 });
    expect(matches.body.invitations.find((i) => i.expertId === first)?.respondedAt).toEqual(expect.any(String));
    expect(Object.keys(matches.body.invitations[0]!.parts).sort()).toEqual(['availability', 'budgetFit', 'quality', 'responseSpeed', 'skillFit']);
    // The first wave's other expert was not invited twice.
    expect((await stack.sink.mailsTo(stack.addressOf.expert(second))).filter((m) => m.subject === `New job for you: ${title}`)).toHaveLength(1);
  });

  it('not launched within the (scaled) 24 hours: ops are alerted, the breach is published and flagged on the workflow; a late launch still completes', async () => {
    const { customerId, skill, expertIds } = people(1);
    const [ana] = expertIds as [string];
    await listExperts(skill, expertIds);
    const title = `Slow start ${customerId}`;
    const { jobId, hiring } = await postJob(customerId, skill, title);
    const offerId = await sendOffer(jobId, ana);
    await offersKnownTo(hiring, 1);
    expect((await stack.marketplace(customer(customerId), 'POST', `/jobs/${jobId}/selection`, { offerId })).status).toBe(200);
    const projectId = await eventually('the project is signed', async () => (await hiring.query(recommendationQuery)).projectId ?? undefined);

    // Nobody onboards: the customer and the expert are reminded of what each owes.
    const customerReminder = await stack.mailTo(stack.addressOf.company(customerId), `To launch "${title}" we still need`);
    expect(customerReminder.text).toContain('  - tool access (credentials)');
    expect(customerReminder.text).toContain('  - stakeholders with emails and phones');
    expect((await stack.mailTo(stack.addressOf.expert(ana), `To launch "${title}" we still need`)).text).toContain('  - service guidelines acknowledged');

    const alert = await stack.mailTo(stack.addressOf.ops, `Breach: job "${title}" not launched within 24 h`);
    expect(alert.text).toContain(`Job ${jobId} of customer ${customerId}`);
    await eventually('SlaBreached on the workflow', async () => ((await hiring.describe()).typedSearchAttributes.get(searchAttributes.SlaBreached) === true ? true : undefined));
    const breached = await eventually('the breach event', () =>
      stack.db.prisma.outboxEvent.findFirst({ where: { subject: 'marketplace.hiring.breached', payload: { path: ['jobId'], equals: jobId } } }).then((e) => e ?? undefined),
    );
    expect(breached.payload).toMatchObject({ customerId });
    expect((await stack.marketplace<{ slaBreachedAt: string | null }>(customer(customerId), 'GET', `/jobs/${jobId}`)).body.slaBreachedAt).toEqual(expect.any(String));
    expect((await hiring.query(recommendationQuery)).breached).toBe(true);

    await onboard(jobId, projectId, customerId, ana, `late-${randomUUID()}`);
    expect(await hiring.result()).toMatchObject({ projectId, breached: true });
    const report = await stack.marketplace<{ jobs: { jobId: string; breached: boolean; minutesToLaunch: number | null }[] }>(ops, 'GET', '/reports/time-to-launch');
    expect(report.body.jobs.find((j) => j.jobId === jobId)).toMatchObject({ breached: true, minutesToLaunch: expect.any(Number) });
    // One breach: one alert, one event.
    expect((await stack.sink.mailsTo(stack.addressOf.ops)).filter((m) => m.subject === alert.subject)).toHaveLength(1);
    expect(await stack.db.prisma.outboxEvent.count({ where: { subject: 'marketplace.hiring.breached', payload: { path: ['jobId'], equals: jobId } } })).toBe(1);
    await recordHistory('hiring-breached-then-launched', hiring);
  });

  it('a selection made twice at once, and a second choice sent to the process, leave the first choice and one project', async () => {
    const { customerId, skill, expertIds } = people(2);
    const [ana, ben] = expertIds as [string, string];
    await listExperts(skill, expertIds);
    const { jobId, hiring } = await postJob(customerId, skill, `Twice chosen ${customerId}`);
    const anaOffer = await sendOffer(jobId, ana);
    const benOffer = await sendOffer(jobId, ben);
    await offersKnownTo(hiring, 2);

    const answers = await Promise.all([anaOffer, benOffer, anaOffer].map((offerId) => stack.marketplace<{ selectedOfferId: string; error?: { code: string } }>(customer(customerId), 'POST', `/jobs/${jobId}/selection`, { offerId })));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error?.code)).toEqual(['already_selected', 'already_selected']);
    const chosen = won[0]!.body.selectedOfferId;
    const other = chosen === anaOffer ? benOffer : anaOffer;

    const selected = await eventually('the choice reached the process', async () => (await hiring.query(recommendationQuery)).selectedOfferId ?? undefined);
    expect(selected).toBe(chosen);
    // A different choice straight to the process is refused by its validator; the same one is answered again.
    await expect(hiring.executeUpdate(selectOfferUpdate, { args: [{ offerId: other, expertId: 'x' }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await hiring.executeUpdate(selectOfferUpdate, { args: [{ offerId: chosen, expertId: 'x' }] })).toEqual({ offerId: chosen });

    const projectId = await eventually('the project is signed', async () => (await hiring.query(recommendationQuery)).projectId ?? undefined);
    const chosenExpert = chosen === anaOffer ? ana : ben;
    await onboard(jobId, projectId, customerId, chosenExpert, `twice-${randomUUID()}`);
    expect(await hiring.result()).toMatchObject({ projectId, breached: false });
    const projects = await stack.projects<{ items: { id: string; expertId: string }[] }>(customer(customerId), 'GET', '/projects');
    expect(projects.body.items).toEqual([expect.objectContaining({ id: projectId, expertId: chosenExpert })]);
    // The welcome is relayed after the contract: wait for it, then show there is no second one.
    await stack.mailTo(stack.addressOf.company(customerId), `Welcome: your expert for "Twice chosen ${customerId}" is ready`);
    expect((await stack.sink.mailsTo(stack.addressOf.company(customerId))).filter((m) => m.subject.startsWith('Welcome: your expert'))).toHaveLength(1);
    await recordHistory('hiring-selected-twice', hiring);
  });
});

describe('the bridge', () => {
  const outboxEventOf = (subject: string, jobId: string) =>
    eventually(`${subject} of job ${jobId}`, async () => (await stack.db.prisma.outboxEvent.findFirst({ where: { subject, payload: { path: ['jobId'], equals: jobId } } })) ?? undefined);
  const processedByBridge = async (eventId: string) =>
    stack.db.prisma.processedEvent.findUnique({ where: { consumer_eventId: { consumer: 'temporal-bridge', eventId } } });

  it('an offer and the customer’s choice handled before the job’s hiring started reach it once it starts, and the contract follows', async () => {
    const { customerId, skill, expertIds } = people(1);
    const [ana] = expertIds as [string];
    await listExperts(skill, expertIds);
    // A job the marketplace has, whose posting the bridge has not seen yet: its event is still on its way.
    const job = await stack.db.prisma.job.create({
      data: {
        id: randomUUID(),
        customerId,
        postedBy: `user-${customerId}`,
        title: `Chosen early ${customerId}`,
        description: 'Move our HubSpot contacts and deals to Salesforce.',
        tasks: ['Migrate contacts and deals'],
        skills: [skill],
        budget: { kind: 'hourly', maxRateCents: 9000, capMinutes: 40 * 60 },
        desiredStart: new Date('2026-12-07T00:00:00Z'),
        timeZone: 'Europe/Warsaw',
      },
    });
    const offerId = await sendOffer(job.id, ana);
    expect((await stack.marketplace(customer(customerId), 'POST', `/jobs/${job.id}/selection`, { offerId })).status).toBe(200);
    const offered = await outboxEventOf(offerSubmitted.subject, job.id);
    const selected = await outboxEventOf(offerSelected.subject, job.id);

    // A later posting proves the bridge got past both: they failed, so they stay unprocessed (redelivered later).
    const marker = await postJob(customerId, skill, `Marker ${customerId}`);
    const markerPosted = await outboxEventOf(jobPosted.subject, marker.jobId);
    await eventually('the bridge handled the later posting', () => processedByBridge(markerPosted.id).then((row) => row ?? undefined), { timeoutMs: 30_000 });
    expect(await processedByBridge(offered.id)).toBeNull();
    expect(await processedByBridge(selected.id)).toBeNull();

    await recordEvent(stack.db.prisma, 'marketplace', jobPosted, { jobId: job.id, customerId, postedAt: job.postedAt.toISOString() });
    const hiring = await stack.hiringOf(job.id);
    started.push(hiring);
    const projectId = await eventually('the choice reached the process and its contract is signed', async () => {
      const view = await hiring.query(recommendationQuery);
      return view.selectedOfferId === offerId && view.projectId ? view.projectId : undefined;
    }, { timeoutMs: 60_000 });
    await eventually('the bridge handled the choice', () => processedByBridge(selected.id).then((row) => row ?? undefined));
    const projects = await stack.projects<{ items: { id: string; expertId: string }[] }>(customer(customerId), 'GET', '/projects');
    expect(projects.body.items).toEqual([expect.objectContaining({ id: projectId, expertId: ana })]);
  }, 120_000);
});
