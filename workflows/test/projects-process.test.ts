import { randomUUID } from 'node:crypto';
import { customer, eventually, expert, ops } from '@guild/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingStatusQuery } from '../src/project-meeting/messages.js';
import { sprintStatusQuery } from '../src/weekly-sprint/messages.js';
import { addDays } from '../src/weekly-sprint/week-clock.js';
import { recordHistory } from './histories.js';
import { startProjectsStack } from './projects-stack.js';

// The sprint and meeting processes against real PostgreSQL, NATS, Temporal and the mail sink,
// with a "week" of 6 s: the estimate reminder 1 s in, the hours reminder 2 s in, the review
// window 4 s after the week's end. Meetings: a reminder 3 s before, the summary due 2 s after the
// end, ops alerted 2 s after the reminder.
let stack: Awaited<ReturnType<typeof startProjectsStack>>;
beforeAll(async () => {
  stack = await startProjectsStack({
    sprint: { weekLength: '6s', estimateReminderAfter: '1s', hoursReminderAfter: '2s', reviewWindow: '4s' },
    meeting: { remindersBefore: ['3s'], summaryDue: '2s', opsAlertAfter: '2s' },
  });
});
afterAll(async () => stack?.stop());

const projectBody = (customerId: string, expertId: string) => ({
  title: 'CRM rollout',
  customerId,
  expertId,
  customerRateCents: 9_000,
  expertRateCents: 6_000,
  talentRegion: 'eu_asia',
  budget: { kind: 'per_week', minutes: 20 * 60 },
  timeZone: 'Europe/Warsaw',
  billingMode: 'deposit',
});

/** A project (active unless told) of a customer and expert of their own, so their mails are theirs alone. */
async function activeProject({ active = true } = {}) {
  const customerId = `acme-${randomUUID().slice(0, 8)}`;
  const expertId = `alice-${randomUUID().slice(0, 8)}`;
  const created = await stack.call<{ id: string; currentWeekStart: string }>(ops, 'POST', '/projects', projectBody(customerId, expertId));
  expect(created.status).toBe(201);
  if (active) expect((await stack.call(ops, 'POST', `/projects/${created.body.id}/activation`)).status).toBe(200);
  return { id: created.body.id, weekStart: created.body.currentWeekStart, customer: customer(customerId), expert: expert(expertId), customerId, expertId };
}

const approvedEvents = (timeEntryId: string) =>
  stack.db.prisma.outboxEvent.count({ where: { subject: 'projects.timeentry.approved', payload: { path: ['timeEntryId'], equals: timeEntryId } } });

let npsMailText = '';
let npsCustomerId = '';

describe('the weekly sprint', () => {
  it('rolls over three weeks carrying its state; the review window approves each entry once across a worker restart; the summary mail has the numbers', async () => {
    const project = await activeProject();
    const sprint = await stack.runningWorkflow(`sprint-${project.id}`);
    const crm = await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/tasks`, { title: 'CRM import', estimateMinutes: 240 });
    const mails = await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/tasks`, { title: 'Mail templates', estimateMinutes: 60 });
    await stack.call(project.expert, 'POST', `/projects/${project.id}/tasks`, { title: 'Reports', estimateMinutes: 300 });
    const entries = [
      await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/time-entries`, { taskId: crm.body.id, day: project.weekStart, minutes: 120 }),
      await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/time-entries`, { taskId: crm.body.id, day: addDays(project.weekStart, 1), minutes: 60 }),
      await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/time-entries`, { taskId: mails.body.id, day: project.weekStart, minutes: 30 }),
    ].map((r) => r.body.id);
    expect((await stack.call(project.expert, 'PATCH', `/projects/${project.id}/tasks/${mails.body.id}`, { status: 'done' })).status).toBe(200);
    expect((await stack.call(project.expert, 'PATCH', `/projects/${project.id}/tasks/${crm.body.id}`, { status: 'in_progress' })).status).toBe(200);

    const customerAddress = stack.addressOf.company(project.customerId);
    const summary = await eventually('the weekly summary', async () => (await stack.sink.mailsTo(customerAddress)).find((m) => m.subject === `CRM rollout: your week of ${project.weekStart}`), { timeoutMs: 20_000 });
    expect(summary.text).toContain('Tasks done:\n  - Mail templates');
    expect(summary.text).toContain('CRM import: 3h');
    expect(summary.text).toContain('Mail templates: 30m');
    expect(summary.text).toContain('Total: 3h 30m');
    expect(summary.text).toContain('Budget (per week): 3h 30m used of 20h, 16h 30m left');
    expect(summary.text).toContain('Reports (estimate 5h)');
    expect(summary.text).toContain('Open disputes:\n  (none)');
    expect((await stack.sink.mailsTo(stack.addressOf.ops)).some((m) => m.subject === summary.subject)).toBe(true);
    const sprintView = await stack.call<{ summarySentAt: string | null }>(project.customer, 'GET', `/projects/${project.id}/weeks/${project.weekStart}`);
    expect(sprintView.body.summarySentAt).toEqual(expect.any(String));

    // The worker goes away inside the review window; another one carries on.
    await stack.stopWorker();
    await stack.startWorker();

    await eventually('the week approved at the window end', async () => ((await Promise.all(entries.map(approvedEvents))).every((n) => n === 1) ? true : undefined), { timeoutMs: 20_000 });
    const approved = await stack.db.prisma.timeEntry.findMany({ where: { id: { in: entries } } });
    expect(approved.map((e) => [e.status, e.approvedBy])).toEqual(entries.map(() => ['approved', 'review-window']));

    const expertAddress = stack.addressOf.expert(project.expertId);
    const hoursReminder = await eventually('a missing-hours reminder for the second week', async () =>
      (await stack.sink.mailsTo(expertAddress)).find((m) => m.subject === `CRM rollout: hours missing for the week of ${addDays(project.weekStart, 7)}`),
    );
    expect(hoursReminder.text).toContain('  - CRM import');

    const third = await eventually('three weeks completed', async () => {
      const status = await sprint.query(sprintStatusQuery);
      return status.weeksCompleted >= 3 ? status : undefined;
    }, { timeoutMs: 30_000 });
    expect(third.weekStart).toBe(addDays(project.weekStart, 21));
    expect(third.autoApprovedEntries).toBe(3);
    const runs: string[] = [];
    for await (const wf of stack.temporal.client.workflow.list({ query: `WorkflowId = 'sprint-${project.id}'` })) runs.push(wf.runId);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(await Promise.all(entries.map(approvedEvents))).toEqual([1, 1, 1]);
    const weekSummaries = (await stack.sink.mailsTo(customerAddress)).filter((m) => m.subject.startsWith('CRM rollout: your week of'));
    expect(new Set(weekSummaries.map((m) => m.subject)).size).toBe(weekSummaries.length);

    npsMailText = (await stack.sink.mailsTo(customerAddress)).find((m) => m.subject.startsWith('How likely'))!.text;
    npsCustomerId = project.customerId;
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/end`)).status).toBe(200);
    expect(await sprint.result()).toMatchObject({ stoppedBecause: 'ended' });
    await recordHistory('weekly-sprint-ended', sprint);
  }, 90_000);

  it('the NPS link opens a page that answers nothing; its form answers once, and a detractor alerts ops', async () => {
    const link = /^3: (\S+)$/m.exec(npsMailText)?.[1];
    expect(link).toMatch(/\/nps\/answer#token=/);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/nps/answer">');
    const token = decodeURIComponent(new URL(link!).hash.slice('#token='.length));
    const surveyId = token.split('.')[0]!;
    expect((await stack.db.prisma.npsSurvey.findUniqueOrThrow({ where: { id: surveyId } })).answeredAt).toBeNull();

    const send = () =>
      fetch(new URL('/nps/answer', stack.baseUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, comment: 'Too slow' }).toString() });
    const answered = await send();
    expect(answered.status).toBe(201);
    expect(await answered.text()).toContain('We received your score of 3');
    expect((await send()).status).toBe(409);
    const event = await stack.db.prisma.outboxEvent.findFirstOrThrow({ where: { subject: 'projects.nps.answered', payload: { path: ['surveyId'], equals: surveyId } } });
    expect(event.payload).toMatchObject({ score: 3, detractor: true, customerId: npsCustomerId });
    const alert = await eventually('the detractor alert to ops', async () => (await stack.sink.mailsTo(stack.addressOf.ops)).find((m) => m.subject.startsWith(`NPS 3 from ${npsCustomerId}`)));
    expect(alert.text).toContain('Too slow');
  });

  it('pausing the project stops its sprint; resuming starts it again', async () => {
    const project = await activeProject();
    const first = await stack.runningWorkflow(`sprint-${project.id}`);
    const firstRun = (await first.describe()).runId;
    await eventually('the sprint began its week', async () => ((await first.query(sprintStatusQuery)).weekStart ? true : undefined));
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/pause`)).status).toBe(200);
    expect(await first.result()).toMatchObject({ stoppedBecause: 'paused' });
    await recordHistory('weekly-sprint-paused', first);

    expect((await stack.call(ops, 'POST', `/projects/${project.id}/resumption`)).status).toBe(200);
    await eventually('a new sprint run', async () => {
      const d = await stack.temporal.client.workflow.getHandle(`sprint-${project.id}`).describe();
      return d.runId !== firstRun && d.status.name === 'RUNNING' ? true : undefined;
    });
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/end`)).status).toBe(200);
  });

  /** An active project with 45 minutes logged in its first week, once that week's review window is open. */
  async function weekUnderReview() {
    const project = await activeProject();
    const sprint = await stack.runningWorkflow(`sprint-${project.id}`);
    const task = await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/tasks`, { title: 'Audit', estimateMinutes: 60 });
    const entry = await stack.call<{ id: string }>(project.expert, 'POST', `/projects/${project.id}/time-entries`, { taskId: task.body.id, day: project.weekStart, minutes: 45 });
    expect(entry.status).toBe(201);
    await eventually('the first week under review', async () => ((await sprint.query(sprintStatusQuery)).pendingReviews.length === 1 ? true : undefined), { timeoutMs: 20_000 });
    return { project, sprint, entryId: entry.body.id };
  }

  it('pausing keeps the open review window: what the customer left is approved when it closes, then the sprint stops', async () => {
    const { project, sprint, entryId } = await weekUnderReview();
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/pause`)).status).toBe(200);
    expect(await sprint.result()).toMatchObject({ stoppedBecause: 'paused', weeksCompleted: 1 });
    await recordHistory('weekly-sprint-paused-review-closed', sprint);
    expect(await stack.db.prisma.timeEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({ status: 'approved', approvedBy: 'review-window' });
    expect(await approvedEvents(entryId)).toBe(1);
  });

  it('resumed while a review window is still open, the sprint goes on and the window approves the week once', async () => {
    const { project, sprint, entryId } = await weekUnderReview();
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/pause`)).status).toBe(200);
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/resumption`)).status).toBe(200);
    await eventually('the week approved at the window end', async () => ((await approvedEvents(entryId)) === 1 ? true : undefined), { timeoutMs: 20_000 });
    const status = await eventually('the sprint going on', async () => {
      const s = await sprint.query(sprintStatusQuery);
      return s.next && s.pendingReviews.length === 0 ? s : undefined;
    });
    expect(status.autoApprovedEntries).toBe(1);
    expect((await stack.call(ops, 'POST', `/projects/${project.id}/end`)).status).toBe(200);
    expect(await sprint.result()).toMatchObject({ stoppedBecause: 'ended' });
    expect(await approvedEvents(entryId)).toBe(1);
  });
});

describe('meetings', () => {
  const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
  async function book(project: Awaited<ReturnType<typeof activeProject>>, startsAt: string) {
    const res = await stack.call<{ id: string }>(project.customer, 'POST', `/projects/${project.id}/meetings`, { startsAt, durationMinutes: 15, agenda: 'Sprint review' });
    expect(res.status).toBe(201);
    return { id: res.body.id, workflow: await stack.runningWorkflow(`meeting-${res.body.id}`) };
  }

  it('a decline in time moves the meeting: the customer is told, and the reminders follow the new time', async () => {
    // Meetings do not need the sprint: the project stays launching, so no weekly mail interleaves.
    const project = await activeProject({ active: false });
    const meeting = await book(project, inMs(24 * 3_600_000));
    const proposed = inMs(6_000);
    const declined = await stack.call<{ lateReschedule: boolean }>(project.expert, 'POST', `/meetings/${meeting.id}/decline`, { proposedStartsAt: proposed, reason: 'Conference' });
    expect(declined.body.lateReschedule).toBe(false);
    const notice = await eventually('the reschedule notice', async () => (await stack.sink.mailsTo(stack.addressOf.company(project.customerId))).find((m) => m.subject.includes('the expert proposes to move the meeting')));
    expect(notice.text).not.toContain('late reschedule');
    await eventually('the wait restarted', async () => ((await meeting.workflow.query(meetingStatusQuery)).startsAt === proposed ? true : undefined));
    const reminder = await eventually('the reminder of the new time', async () => (await stack.sink.mailsTo(stack.addressOf.expert(project.expertId))).find((m) => m.subject.startsWith('Reminder:')));
    expect(reminder.text).toContain('for 15 minutes');
    expect((await stack.sink.mailsTo(stack.addressOf.company(project.customerId))).some((m) => m.subject === reminder.subject)).toBe(true);
  });

  it('a late decline is flagged, and ops are copied on the notice', async () => {
    // Meetings do not need the sprint: the project stays launching, so no weekly mail interleaves.
    const project = await activeProject({ active: false });
    const meeting = await book(project, inMs(3_600_000));
    const declined = await stack.call<{ lateReschedule: boolean }>(project.expert, 'POST', `/meetings/${meeting.id}/decline`, { proposedStartsAt: inMs(26 * 3_600_000) });
    expect(declined.body.lateReschedule).toBe(true);
    const notice = await eventually('the reschedule notice', async () => (await stack.sink.mailsTo(stack.addressOf.company(project.customerId))).find((m) => m.subject.includes('the expert proposes to move the meeting')));
    expect(notice.text).toContain('This is a late reschedule');
    expect((await stack.sink.mailsTo(stack.addressOf.ops)).some((m) => m.id === notice.id)).toBe(true);
    const report = await stack.call<{ experts: { expertId: string; lateReschedules: number }[] }>(ops, 'GET', `/reports/late-reschedules?expertId=${project.expertId}`);
    expect(report.body.experts).toEqual([expect.objectContaining({ expertId: project.expertId, lateReschedules: 1 })]);
  });

  it('a missing summary reminds the expert, then alerts ops', async () => {
    // Meetings do not need the sprint: the project stays launching, so no weekly mail interleaves.
    const project = await activeProject({ active: false });
    const meeting = await book(project, inMs(-15 * 60_000 + 1_000));
    await stack.call(project.expert, 'POST', `/meetings/${meeting.id}/confirmation`);
    const expertAddress = stack.addressOf.expert(project.expertId);
    const reminder = await eventually('the summary reminder', async () => (await stack.sink.mailsTo(expertAddress)).find((m) => m.subject.includes('is due')));
    expect(reminder.text).toContain('three summary points');
    expect(await meeting.workflow.result()).toMatchObject({ result: 'summary_missing' });
    const alert = await eventually('the ops alert', async () => (await stack.sink.mailsTo(stack.addressOf.ops)).find((m) => m.subject === 'Meeting summary missing: CRM rollout' && m.text.includes(meeting.id)));
    expect(alert.text).toContain(project.expertId);
    await recordHistory('project-meeting-summary-missing', meeting.workflow);
  });

  it('a summary in time ends the meeting without a reminder', async () => {
    // Meetings do not need the sprint: the project stays launching, so no weekly mail interleaves.
    const project = await activeProject({ active: false });
    const meeting = await book(project, inMs(-15 * 60_000));
    await stack.call(project.expert, 'POST', `/meetings/${meeting.id}/confirmation`);
    const summarized = await stack.call(project.expert, 'POST', `/meetings/${meeting.id}/summary`, { points: ['Scope agreed', 'Import first', 'Demo Friday'] });
    expect(summarized.status).toBe(200);
    expect(await meeting.workflow.result()).toMatchObject({ result: 'summarized' });
    expect((await stack.sink.mailsTo(stack.addressOf.expert(project.expertId))).some((m) => m.subject.includes('is due'))).toBe(false);
    await recordHistory('project-meeting-summarized', meeting.workflow);
  });
});
