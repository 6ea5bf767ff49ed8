import { signToken, type Principal } from '@guild/platform';
import { serviceUrl, httpServices } from './services.js';
import { say, warn } from './steps.js';

// `npm start` seeds a demo project so a person can walk through a sprint week in the Temporal UI
// and the mail sink. Through the public APIs only, with dev tokens (JWT_SECRET is set locally);
// idempotent: once the demo project exists, nothing is added.

export const DEMO_PROJECT_TITLE = 'Demo: CRM rollout';

/**
 * A sprint "week" of 10 minutes under `npm start`, so the summary and NPS mails show up soon;
 * meetings remind 5 and 1 minutes before; a hire's promise is an hour; a sale reminds its owner after
 * 5 minutes. SPRINT_POLICY / MEETING_POLICY / HIRING_POLICY / LEAD_POLICY in the environment win.
 */
export const demoPolicies = {
  SPRINT_POLICY: JSON.stringify({ weekLength: '10m', estimateReminderAfter: '1m', hoursReminderAfter: '3m', reviewWindow: '5m' }),
  MEETING_POLICY: JSON.stringify({ remindersBefore: ['5m', '1m'], summaryDue: '5m', opsAlertAfter: '5m' }),
  // A hire's 24 hours in one: waves every 5 minutes, the checklist read every 30 seconds.
  HIRING_POLICY: JSON.stringify({ noOffersBy: '10m', selectBy: '20m', launchBy: '1h', waveWindow: '5m', onboardingCheckEvery: '30s', onboardingReminderEvery: '5m' }),
  // A sale's days in minutes: each reminder to the owner after 5 minutes, a silent lead closed as lost after an hour.
  LEAD_POLICY: JSON.stringify({ meetingReminderAfter: '5m', outcomeReminderAfter: '5m', handlingReminderAfter: '5m', silenceClosesAfter: '1h' }),
};

const urlOf = (name: string) => serviceUrl(httpServices.find((s) => s.name === name)!);

async function call<T>(secret: string, principal: Principal, service: string, method: string, path: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<T> {
  const res = await fetch(new URL(path, urlOf(service)), {
    method,
    headers: {
      authorization: `Bearer ${await signToken(secret, principal)}`,
      'content-type': 'application/json',
      ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${service} ${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function seedDemoProject(env: Record<string, string>): Promise<void> {
  const secret = env.JWT_SECRET;
  if (!secret) {
    warn('demo', 'JWT_SECRET is not set: no demo project');
    return;
  }
  const ops: Principal = { subject: 'demo-seed', role: 'ops' };
  const existing = await call<{ items: { id: string; title: string }[] }>(secret, ops, 'projects', 'GET', '/projects?limit=100');
  const found = existing.items.find((p) => p.title === DEMO_PROJECT_TITLE);
  if (found) {
    say('demo', `project "${DEMO_PROJECT_TITLE}" is already there (${found.id})`);
    return;
  }

  const company = await call<{ company: { id: string } }>(secret, ops, 'identity', 'POST', '/companies', { name: 'Acme Demo', ownerEmail: 'owner@acme-demo.example' });
  const expertUser = await call<{ expertId: string | null }>(secret, ops, 'identity', 'POST', '/experts', { email: 'alice@experts-demo.example', name: 'Alice Demo' });
  const customerId = company.company.id;
  const expertId = expertUser.expertId!;
  const expert: Principal = { subject: 'demo-expert', role: 'expert', expertId };
  const customer: Principal = { subject: 'demo-owner', role: 'customer', customerId };

  const project = await call<{ id: string; currentWeekStart: string }>(secret, ops, 'projects', 'POST', '/projects', {
    title: DEMO_PROJECT_TITLE,
    customerId,
    expertId,
    customerRateCents: 9_000,
    expertRateCents: 6_000,
    talentRegion: 'eu_asia',
    budget: { kind: 'per_week', minutes: 20 * 60 },
    timeZone: 'Europe/Warsaw',
    billingMode: 'deposit',
  });
  const task = (title: string, estimateMinutes: number) => call<{ id: string }>(secret, expert, 'projects', 'POST', `/projects/${project.id}/tasks`, { title, estimateMinutes });
  const importTask = await task('Import contacts from the old CRM', 480);
  const templates = await task('Mail templates', 120);
  await task('Sales reports', 300);
  const hours = (taskId: string, day: string, minutes: number) => call(secret, expert, 'projects', 'POST', `/projects/${project.id}/time-entries`, { taskId, day, minutes, note: 'demo' });
  await hours(importTask.id, project.currentWeekStart, 180);
  await hours(templates.id, project.currentWeekStart, 90);
  await call(secret, expert, 'projects', 'PATCH', `/projects/${project.id}/tasks/${templates.id}`, { status: 'done' });
  await call(secret, expert, 'projects', 'PATCH', `/projects/${project.id}/tasks/${importTask.id}`, { status: 'in_progress' });
  // Activation starts the sprint; a meeting in 8 minutes shows its reminders.
  await call(secret, ops, 'projects', 'POST', `/projects/${project.id}/activation`);
  await call(secret, customer, 'projects', 'POST', `/projects/${project.id}/meetings`, { startsAt: new Date(Date.now() + 8 * 60_000).toISOString(), durationMinutes: 30, agenda: 'Sprint review' });
  say('demo', `project "${DEMO_PROJECT_TITLE}" seeded: its sprint is workflow sprint-${project.id}; a demo week lasts 10 minutes`);
}

export const DEMO_JOB_TITLE = 'Demo: migrate our CRM to Salesforce';

/** Listed experts for the demo job, each at an address of the mail sink; their fit differs so the ranking shows. */
const demoExperts = [
  { name: 'Bea Demo', headline: 'Salesforce architect, HubSpot migrations', skills: [{ name: 'salesforce', level: 5 }, { name: 'hubspot', level: 4 }], technologies: ['Apex', 'Zapier'], talentRegion: 'eu_asia', hourlyRateCents: 4_500, weeklyHours: 30 },
  { name: 'Chen Demo', headline: 'CRM integrations with Zapier and Node.js', skills: [{ name: 'salesforce', level: 4 }], technologies: ['HubSpot', 'Node.js'], talentRegion: 'eu_asia', hourlyRateCents: 3_800, weeklyHours: 20 },
  { name: 'Dan Demo', headline: 'HubSpot consultant', skills: [{ name: 'hubspot', level: 5 }], technologies: ['Marketo'], talentRegion: 'us_western_europe', hourlyRateCents: 9_000, weeklyHours: 10 },
  { name: 'Eve Demo', headline: 'Junior CRM administrator', skills: [{ name: 'salesforce', level: 3 }, { name: 'hubspot', level: 3 }], technologies: [], talentRegion: 'eu_asia', hourlyRateCents: 3_000, weeklyHours: 40 },
] as const;

/**
 * A hire to walk through: four experts registered in identity with listed marketplace profiles,
 * and an open job of the demo company, which starts `hiring-<jobId>` (invitation mails in the mail
 * sink); the best fit has already sent an offer, so the customer can compare and choose. Through
 * the public APIs; idempotent: once the demo job exists, nothing is added (the experts' creation
 * carries idempotency keys, so a run that stopped half-way repeats it harmlessly).
 */
export async function seedDemoHiring(env: Record<string, string>): Promise<void> {
  const secret = env.JWT_SECRET;
  if (!secret) return;
  const ops: Principal = { subject: 'demo-seed', role: 'ops' };
  const jobs = await call<{ items: { id: string; title: string; status: string }[] }>(secret, ops, 'marketplace', 'GET', '/jobs?limit=100');
  const existing = jobs.items.find((j) => j.title === DEMO_JOB_TITLE);
  if (existing) {
    say('demo', `job "${DEMO_JOB_TITLE}" is already there (${existing.id}, ${existing.status}): its process is workflow hiring-${existing.id}`);
    return;
  }
  const projects = await call<{ items: { title: string; customerId: string }[] }>(secret, ops, 'projects', 'GET', '/projects?limit=100');
  const customerId = projects.items.find((p) => p.title === DEMO_PROJECT_TITLE)?.customerId;
  if (!customerId) {
    warn('demo', 'no demo project (and so no demo company): no demo job');
    return;
  }

  const expertIds: string[] = [];
  for (const { name, ...profile } of demoExperts) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@experts-demo.example`;
    const registered = await call<{ expertId: string | null }>(secret, ops, 'identity', 'POST', '/experts', { email, name }, { idempotencyKey: `demo-hiring-expert-${email}` });
    await call(secret, ops, 'marketplace', 'PUT', `/experts/${registered.expertId!}/profile`, { ...profile, listingStatus: 'listed' });
    expertIds.push(registered.expertId!);
  }

  const customer: Principal = { subject: 'demo-owner', role: 'customer', customerId };
  const job = await call<{ id: string }>(secret, customer, 'marketplace', 'POST', '/jobs', {
    title: DEMO_JOB_TITLE,
    description: 'Move 20k HubSpot contacts and deals to Salesforce and keep both in sync during the switch.',
    tasks: ['Map the HubSpot fields to Salesforce', 'Migrate contacts and deals in two batches', 'Set up a two-way sync until the switch'],
    skills: ['salesforce', 'hubspot'],
    budget: { kind: 'hourly', maxRateCents: 9_000, capMinutes: 40 * 60 },
    desiredStart: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
    timeZone: 'Europe/Warsaw',
  });
  const bea: Principal = { subject: 'demo-bea', role: 'expert', expertId: expertIds[0]! };
  await call(secret, bea, 'marketplace', 'POST', `/jobs/${job.id}/offers`, {
    kind: 'hourly',
    rateCents: 5_000,
    isEstimate: false,
    scope: 'Field mapping workshop, the migration in two batches with a dry run, a two-way sync with conflict rules.',
    schedule: 'Mapping in week 1, migration in week 2, the sync and hand-over in week 3.',
  });
  say('demo', `job "${DEMO_JOB_TITLE}" seeded with ${expertIds.length} listed experts and one offer: workflow hiring-${job.id}; offers at GET ${urlOf('marketplace')}/jobs/${job.id}/offers, choose with POST …/selection`);
}

export const DEMO_BILLING_PROJECT_TITLE = 'Demo: billing example';

interface InvoicePreview {
  period: string;
  drawnCents: number;
  balanceCents: number;
  overageCents: number;
}
const dollars = (cents: number) => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;

/**
 * The seeds' billing example on the demo company: a $300 safe balance and 10 h at $50/h approved,
 * so the invoice preview shows a $200.00 overage. stripe-mock sends no webhooks, so the deposit
 * Stripe would confirm is credited by an ops adjustment with that reason. Idempotent: once the
 * billing project exists, nothing is added.
 */
export async function seedDemoBilling(env: Record<string, string>): Promise<void> {
  const secret = env.JWT_SECRET;
  if (!secret) return;
  const ops: Principal = { subject: 'demo-seed', role: 'ops' };
  const projects = await call<{ items: { id: string; title: string; customerId: string; expertId: string }[] }>(secret, ops, 'projects', 'GET', '/projects?limit=100');
  const demo = projects.items.find((p) => p.title === DEMO_PROJECT_TITLE);
  if (!demo) {
    warn('demo', 'no demo project: no billing example');
    return;
  }
  const { customerId, expertId } = demo;
  const previewPath = `/customers/${customerId}/invoice-preview`;
  if (projects.items.some((p) => p.title === DEMO_BILLING_PROJECT_TITLE)) {
    const preview = await call<InvoicePreview>(secret, ops, 'billing', 'GET', previewPath);
    say('demo', `billing example is already there: GET ${urlOf('billing')}${previewPath} shows an overage of ${dollars(preview.overageCents)}`);
    return;
  }

  const customer: Principal = { subject: 'demo-owner', role: 'customer', customerId };
  const expert: Principal = { subject: 'demo-expert', role: 'expert', expertId };
  // The plan first, so approved hours draw the balance as they are approved.
  await call(secret, ops, 'billing', 'PUT', `/customers/${customerId}/plan`, { plan: 'deposit', cadence: 'monthly', depositCents: 30_000 });
  await call(secret, ops, 'billing', 'POST', `/customers/${customerId}/adjustments`, {
    amountCents: 30_000,
    reason: 'demo: the $300 deposit, paid outside stripe-mock (it sends no webhooks)',
  });
  const project = await call<{ id: string; currentWeekStart: string }>(secret, ops, 'projects', 'POST', '/projects', {
    title: DEMO_BILLING_PROJECT_TITLE,
    customerId,
    expertId,
    customerRateCents: 5_000,
    expertRateCents: 3_500,
    talentRegion: 'eu_asia',
    budget: { kind: 'per_week', minutes: 20 * 60 },
    timeZone: 'Europe/Warsaw',
    billingMode: 'deposit',
  });
  const task = await call<{ id: string }>(secret, expert, 'projects', 'POST', `/projects/${project.id}/tasks`, { title: 'Billing example: 10 hours', estimateMinutes: 600 });
  await call(secret, expert, 'projects', 'POST', `/projects/${project.id}/time-entries`, { taskId: task.id, day: project.currentWeekStart, minutes: 600, note: 'demo' });
  await call(secret, ops, 'projects', 'POST', `/projects/${project.id}/activation`);
  await call(secret, customer, 'projects', 'POST', `/projects/${project.id}/weeks/${project.currentWeekStart}/approval`, { disputes: [] });

  // Billing draws the approval when projects.timeentry.approved reaches it over NATS.
  const deadline = Date.now() + 30_000;
  let preview = await call<InvoicePreview>(secret, ops, 'billing', 'GET', previewPath);
  while (preview.drawnCents < 50_000 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    preview = await call<InvoicePreview>(secret, ops, 'billing', 'GET', previewPath);
  }
  say('demo', `billing example seeded: balance ${dollars(preview.balanceCents)}, invoice preview for ${preview.period} shows an overage of ${dollars(preview.overageCents)} (GET ${urlOf('billing')}${previewPath})`);
}

/** The demo lead, known by its company and its contact's address (a mail sink address). */
export const DEMO_LEAD_COMPANY = 'Northwind Traders';
const demoLeadContact = 'dana@northwind-demo.example';

interface LeadSummary {
  id: string;
  companyName: string;
  contactEmail: string;
  stage: string;
}

/** The demo lead, if an earlier run made it: the leads are read a page at a time, as ops. */
async function findDemoLead(secret: string, ops: Principal): Promise<LeadSummary | undefined> {
  let cursor: string | null = null;
  do {
    const page: { items: LeadSummary[]; nextCursor: string | null } = await call(secret, ops, 'sales', 'GET', `/leads?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    const found = page.items.find((l) => l.companyName === DEMO_LEAD_COMPANY && l.contactEmail === demoLeadContact);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}

/**
 * A sale to walk through: a demo seller brings the lead Northwind Traders, books the 45-minute
 * sales meeting, presents an offer at the minimum rate or above and sends the project draft, so the
 * mail sink holds the draft with its accept link and `lead-<id>` waits for the outcome. Through the
 * public APIs; idempotent: once the demo lead exists, nothing is added (the seller's registration
 * and the lead carry idempotency keys, so a run that stopped before the lead repeats them harmlessly).
 */
export async function seedDemoSales(env: Record<string, string>): Promise<void> {
  const secret = env.JWT_SECRET;
  if (!secret) return;
  const ops: Principal = { subject: 'demo-seed', role: 'ops' };
  const existing = await findDemoLead(secret, ops);
  if (existing) {
    say('demo', `lead "${DEMO_LEAD_COMPANY}" is already there (${existing.id}, ${existing.stage}): its process is workflow lead-${existing.id}`);
    return;
  }

  const seller = await call<{ expertId: string | null }>(secret, ops, 'identity', 'POST', '/experts', { email: 'sara@experts-demo.example', name: 'Sara Demo' }, { idempotencyKey: 'demo-sales-seller' });
  const sara: Principal = { subject: 'demo-sara', role: 'expert', expertId: seller.expertId! };
  const lead = await call<{ id: string }>(
    secret,
    sara,
    'sales',
    'POST',
    '/leads',
    {
      companyName: DEMO_LEAD_COMPANY,
      contactName: 'Dana Demo',
      contactEmail: demoLeadContact,
      needs: 'The sales team tracks 3k deals in spreadsheets: a CRM, the deals imported, and a weekly pipeline report.',
    },
    { idempotencyKey: 'demo-sales-lead' },
  );
  const meetingAt = new Date(Date.now() + 86_400_000);
  meetingAt.setUTCHours(10, 0, 0, 0);
  await call(secret, sara, 'sales', 'POST', `/leads/${lead.id}/meeting`, { startsAt: meetingAt.toISOString(), minutes: 45 });
  await call(secret, sara, 'sales', 'POST', `/leads/${lead.id}/offer`, { rateCents: 6_000, hours: 40, talentRegion: 'eu_asia' });
  await call(secret, sara, 'sales', 'POST', `/leads/${lead.id}/draft`, {
    tasks: [
      { title: 'Set up the CRM and its deal stages', estimateHours: 12 },
      { title: 'Import the deals from the spreadsheets', estimateHours: 16 },
      { title: 'A weekly pipeline report', estimateHours: 8 },
    ],
  });
  say('demo', `lead "${DEMO_LEAD_COMPANY}" seeded up to its draft: workflow lead-${lead.id}; the draft mail to ${demoLeadContact} in the mail sink has the accept link; once won, the owner chooses with POST ${urlOf('sales')}/leads/${lead.id}/handling`);
}
