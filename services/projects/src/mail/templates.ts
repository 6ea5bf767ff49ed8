import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';
import { hoursOf } from './hours.js';

// Every mail the projects process sends, declared once. Times arrive already written in the
// project's time zone (see meeting-times.ts), so a template only reads.

const project = { projectId: z.uuid(), projectTitle: z.string() };
const taskLine = z.object({ title: z.string(), minutes: z.number().int() });
const budget = z.object({ kind: z.enum(['per_week', 'cap']), budgetMinutes: z.number().int(), usedMinutes: z.number().int(), remainingMinutes: z.number().int() });

const list = (lines: string[], none: string) => (lines.length ? lines.map((l) => `  - ${l}`).join('\n') : `  (${none})`);

/** The customer's week: what was done, the hours, the budget, what comes next, what is disputed. */
export const weeklySummaryMail = defineMailTemplate({
  name: 'projects.weekly-summary',
  data: z.object({
    ...project,
    weekStart: z.iso.date(),
    weekEnd: z.iso.date(),
    tasksDone: z.array(z.string()),
    hoursPerTask: z.array(taskLine),
    totalMinutes: z.number().int(),
    budget,
    nextWeekPlan: z.array(z.object({ title: z.string(), estimateMinutes: z.number().int().nullable() })),
    openDisputes: z.array(z.object({ day: z.iso.date(), minutes: z.number().int(), reason: z.string().nullable() })),
  }),
  subject: (d) => `${d.projectTitle}: your week of ${d.weekStart}`,
  text: (d) =>
    [
      `The week of ${d.weekStart} to ${d.weekEnd} on ${d.projectTitle}.`,
      '',
      'Tasks done:',
      list(d.tasksDone, 'none this week'),
      '',
      'Hours per task:',
      list(d.hoursPerTask.map((t) => `${t.title}: ${hoursOf(t.minutes)}`), 'no hours reported'),
      `Total: ${hoursOf(d.totalMinutes)}`,
      '',
      `Budget (${d.budget.kind === 'per_week' ? 'per week' : 'project cap'}): ${hoursOf(d.budget.usedMinutes)} used of ${hoursOf(d.budget.budgetMinutes)}, ${hoursOf(d.budget.remainingMinutes)} left`,
      '',
      "Next week's plan:",
      list(d.nextWeekPlan.map((t) => `${t.title}${t.estimateMinutes === null ? '' : ` (estimate ${hoursOf(t.estimateMinutes)})`}`), 'nothing planned yet'),
      '',
      'Open disputes:',
      list(d.openDisputes.map((e) => `${e.day}, ${hoursOf(e.minutes)}${e.reason ? `: ${e.reason}` : ''}`), 'none'),
      '',
      'Please approve the hours of this week, or dispute the entries you disagree with, before the review window closes.',
      'You can also ask for a summary call at a time that suits you.',
    ].join('\n'),
});

/** One question, eleven links: each one a signed answer, confirmed on a page (mail scanners follow links). */
export const npsSurveyMail = defineMailTemplate({
  name: 'projects.nps-survey',
  data: z.object({ ...project, weekStart: z.iso.date(), answerLinks: z.array(z.object({ score: z.number().int().min(0).max(10), url: z.url() })).length(11) }),
  subject: (d) => `How likely are you to recommend us? (${d.projectTitle})`,
  text: (d) =>
    [
      `How likely are you to recommend working with us on ${d.projectTitle} to a colleague, from 0 (not at all) to 10 (extremely)?`,
      '',
      ...d.answerLinks.map((l) => `${l.score}: ${l.url}`),
      '',
      'One click opens a page where you can add a comment and send your answer.',
    ].join('\n'),
  // The links answer the survey: they are erased from the row once the mail is out.
  holdsSecrets: true,
});

export const missingEstimatesMail = defineMailTemplate({
  name: 'projects.missing-estimates',
  data: z.object({ ...project, weekStart: z.iso.date(), tasks: z.array(z.string()).min(1) }),
  subject: (d) => `${d.projectTitle}: tasks without an estimate`,
  text: (d) =>
    [`These to-do tasks of ${d.projectTitle} have no estimate yet. Nothing stays on the to-do list without one:`, list(d.tasks, ''), '', 'Please add the estimates on the board.'].join('\n'),
});

export const missingHoursMail = defineMailTemplate({
  name: 'projects.missing-hours',
  data: z.object({ ...project, weekStart: z.iso.date(), tasks: z.array(z.string()).min(1) }),
  subject: (d) => `${d.projectTitle}: hours missing for the week of ${d.weekStart}`,
  text: (d) =>
    [`These tasks of ${d.projectTitle} are in progress with no hours reported in the week of ${d.weekStart}:`, list(d.tasks, ''), '', 'Please report your hours so the customer can review them.'].join('\n'),
});

const meeting = { ...project, meetingId: z.uuid(), startsAt: z.string().min(1), durationMinutes: z.number().int() };

/** To the customer's people and the expert, before the meeting. */
export const meetingReminderMail = defineMailTemplate({
  name: 'projects.meeting-reminder',
  data: z.object({ ...meeting, agenda: z.string().nullable() }),
  subject: (d) => `Reminder: ${d.projectTitle} meeting at ${d.startsAt}`,
  text: (d) =>
    [`The ${d.projectTitle} meeting is at ${d.startsAt} for ${d.durationMinutes} minutes.`, ...(d.agenda ? ['', 'Agenda:', d.agenda] : [])].join('\n'),
});

/** The expert cannot attend and proposes another time; ops are copied on a late one. */
export const meetingRescheduleMail = defineMailTemplate({
  name: 'projects.meeting-reschedule',
  data: z.object({ ...meeting, proposedStartsAt: z.string().min(1), late: z.boolean(), reason: z.string().nullable() }),
  subject: (d) => `${d.projectTitle}: the expert proposes to move the meeting of ${d.startsAt}`,
  text: (d) =>
    [
      `The expert cannot attend the ${d.projectTitle} meeting at ${d.startsAt} and proposes ${d.proposedStartsAt} instead.`,
      ...(d.reason ? ['', `Reason: ${d.reason}`] : []),
      '',
      'Accept the proposed time on the project page, or book another slot.',
      ...(d.late ? ['', 'This is a late reschedule: it came with less notice than we promise.'] : []),
    ].join('\n'),
});

export const meetingSummaryReminderMail = defineMailTemplate({
  name: 'projects.meeting-summary-reminder',
  data: z.object(meeting),
  subject: (d) => `${d.projectTitle}: the summary of the meeting at ${d.startsAt} is due`,
  text: (d) => `Please post the three summary points of the ${d.projectTitle} meeting held at ${d.startsAt}, with any follow-up tasks.`,
});

export const meetingSummaryMissingMail = defineMailTemplate({
  name: 'projects.meeting-summary-missing',
  data: z.object({ ...meeting, expertId: z.string() }),
  subject: (d) => `Meeting summary missing: ${d.projectTitle}`,
  text: (d) =>
    `Expert ${d.expertId} has not posted the summary of the ${d.projectTitle} meeting held at ${d.startsAt} (meeting ${d.meetingId}), even after a reminder.`,
});

/** A detractor's answer: ops follow up (support opens a query on the customer's behalf). */
export const npsDetractorMail = defineMailTemplate({
  name: 'projects.nps-detractor',
  data: z.object({ ...project, customerId: z.string(), expertId: z.string(), period: z.iso.date(), score: z.number().int(), comment: z.string().nullable() }),
  subject: (d) => `NPS ${d.score} from ${d.customerId} on ${d.projectTitle}`,
  text: (d) =>
    [`Customer ${d.customerId} answered ${d.score} for the week of ${d.period} on ${d.projectTitle} (expert ${d.expertId}).`, ...(d.comment ? ['', 'Comment:', d.comment] : [])].join('\n'),
});

export const projectsMailTemplates = mailTemplates(
  weeklySummaryMail,
  npsSurveyMail,
  missingEstimatesMail,
  missingHoursMail,
  meetingReminderMail,
  meetingRescheduleMail,
  meetingSummaryReminderMail,
  meetingSummaryMissingMail,
  npsDetractorMail,
);
