import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface ProjectsPeople {
  homeCustomer: string;
  homeExpert: string;
  otherCustomer: string;
  ops: string;
}

export const homeCustomerId = 'home-co';
export const homeExpertId = 'home-expert';
export const otherCustomerId = 'other-co';
export const otherExpertId = 'other-expert';

const projectBody = (customerId: string, expertId: string, title: string) => ({
  title,
  customerId,
  expertId,
  customerRateCents: 9_000,
  expertRateCents: 6_000,
  talentRegion: 'eu_asia',
  budget: { kind: 'per_week', minutes: 20 * 60 },
  timeZone: 'Europe/Warsaw',
  billingMode: 'deposit',
});

/**
 * The home tenant's project, told through the API as its people would: ops create and activate
 * it; the expert plans tasks and logs hours; the customer disputes one entry, books a meeting; the
 * expert opens a release, adds a milestone and a stakeholder, confirms a second meeting. An earlier
 * project of home-co is ended, with its task, hours and release. The foreign tenant gets a project
 * of its own, so its lists are not trivially empty.
 */
export async function seedProjectsTenants(call: Call, people: ProjectsPeople): Promise<HomeTenant> {
  const { homeCustomer, homeExpert, ops } = people;
  const other = await call<{ id: string }>(ops, 'POST', '/projects', projectBody(otherCustomerId, otherExpertId, 'Other: invoicing'));
  await call(ops, 'POST', `/projects/${other.id}/activation`);

  const project = await call<{ id: string; currentWeekStart: string }>(ops, 'POST', '/projects', projectBody(homeCustomerId, homeExpertId, 'Home: payroll rebuild'));
  await call(ops, 'POST', `/projects/${project.id}/activation`);
  const base = `/projects/${project.id}`;
  const week = project.currentWeekStart;
  const task = await call<{ id: string }>(homeExpert, 'POST', `${base}/tasks`, { title: 'Home: payroll export', estimateMinutes: 240 });
  const entry = await call<{ id: string }>(homeExpert, 'POST', `${base}/time-entries`, { taskId: task.id, day: week, minutes: 90, note: 'Home: export mapping' });
  await call(homeCustomer, 'POST', `${base}/weeks/${week}/disputes`, { disputes: [{ timeEntryId: entry.id, reason: 'Home: too long for a mapping' }] });
  const meeting = await call<{ id: string }>(homeCustomer, 'POST', `${base}/meetings`, {
    startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    durationMinutes: 30,
    agenda: 'Home: sprint review',
  });
  const release = await call<{ id: string }>(homeExpert, 'POST', `${base}/releases`, { title: 'Home: release 1.0' });
  await call(homeExpert, 'POST', `${base}/milestones`, { title: 'Home: payroll live' });
  await call(ops, 'POST', `${base}/stakeholders`, { name: 'Alice Homer', role: 'CFO', email: 'alice.homer@home-co.example' });
  const confirmed = await call<{ id: string }>(homeCustomer, 'POST', `${base}/meetings`, {
    startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(),
    durationMinutes: 30,
    agenda: 'Home: release planning',
  });
  await call(homeExpert, 'POST', `/meetings/${confirmed.id}/confirmation`);

  // An earlier project of home-co, ended: its status checks must not answer a stranger first.
  const ended = await call<{ id: string }>(ops, 'POST', '/projects', projectBody(homeCustomerId, homeExpertId, 'Home: ledger migration'));
  await call(ops, 'POST', `/projects/${ended.id}/activation`);
  const endedTask = await call<{ id: string }>(homeExpert, 'POST', `/projects/${ended.id}/tasks`, { title: 'Home: ledger import', estimateMinutes: 120 });
  const endedEntry = await call<{ id: string }>(homeExpert, 'POST', `/projects/${ended.id}/time-entries`, { taskId: endedTask.id, day: week, minutes: 60, note: 'Home: ledger import run' });
  const endedRelease = await call<{ id: string }>(homeExpert, 'POST', `/projects/${ended.id}/releases`, { title: 'Home: ledger 2.0' });
  await call(ops, 'POST', `/projects/${ended.id}/end`);

  return {
    records: {
      'projects.id': { value: project.id, tenancy: 'home' },
      id: { value: project.id, tenancy: 'home' },
      'meetings.id': { value: meeting.id, tenancy: 'home' },
      'releases.id': { value: release.id, tenancy: 'home' },
      taskId: { value: task.id, tenancy: 'home' },
      entryId: { value: entry.id, tenancy: 'home' },
      weekStart: { value: week, tenancy: 'shared', why: 'a week is a date of every project; the project in the path carries the tenancy' },
      customerId: { value: homeCustomerId, tenancy: 'home' },
      expertId: { value: homeExpertId, tenancy: 'home' },
      projectId: { value: project.id, tenancy: 'home' },
    },
    markers: [
      ...[project.id, task.id, entry.id, meeting.id, confirmed.id, release.id, ended.id, endedTask.id, endedEntry.id, endedRelease.id],
      ...['Home: payroll rebuild', 'Home: payroll export', 'Home: sprint review', 'Home: release planning', 'Home: ledger migration', 'Home: ledger import'],
      'alice.homer@home-co.example',
    ],
    states: {
      ended: {
        'projects.id': { value: ended.id, tenancy: 'home' },
        id: { value: ended.id, tenancy: 'home' },
        'releases.id': { value: endedRelease.id, tenancy: 'home' },
        taskId: { value: endedTask.id, tenancy: 'home' },
        entryId: { value: endedEntry.id, tenancy: 'home' },
        projectId: { value: ended.id, tenancy: 'home' },
      },
      'meeting confirmed': { 'meetings.id': { value: confirmed.id, tenancy: 'home' } },
    },
    defaultState: 'active, meeting requested',
  };
}
