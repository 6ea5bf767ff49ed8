import { signToken, type Principal } from '@guild/platform';
import { serviceUrl, httpServices } from './services.js';
import { say, warn } from './steps.js';

// `npm start` seeds a demo project so a person can walk through a sprint week in the Temporal UI
// and the mail sink. Through the public APIs only, with dev tokens (JWT_SECRET is set locally);
// idempotent: once the demo project exists, nothing is added.

export const DEMO_PROJECT_TITLE = 'Demo: CRM rollout';

/**
 * A sprint "week" of 10 minutes under `npm start`, so the summary and NPS mails show up soon;
 * meetings remind 5 and 1 minutes before. SPRINT_POLICY / MEETING_POLICY in the environment win.
 */
export const demoPolicies = {
  SPRINT_POLICY: JSON.stringify({ weekLength: '10m', estimateReminderAfter: '1m', hoursReminderAfter: '3m', reviewWindow: '5m' }),
  MEETING_POLICY: JSON.stringify({ remindersBefore: ['5m', '1m'], summaryDue: '5m', opsAlertAfter: '5m' }),
};

const urlOf = (name: string) => serviceUrl(httpServices.find((s) => s.name === name)!);

async function call<T>(secret: string, principal: Principal, service: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, urlOf(service)), {
    method,
    headers: { authorization: `Bearer ${await signToken(secret, principal)}`, 'content-type': 'application/json' },
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
