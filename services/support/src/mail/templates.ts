import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';

// Every support mail names its query, so an answer to it finds its way back (see inbound-routing.ts).
const about = { queryId: z.uuid(), querySubject: z.string() };
const when = z.string().min(1);
const ref = (d: { queryId: string; querySubject: string }) => `query ${d.queryId} ("${d.querySubject}")`;

/** What the customer reads about their query: an expert's reply, a reminder, a closing note. */
export const queryUpdateMail = defineMailTemplate({
  name: 'support.query-update',
  data: z.object({ ...about, message: z.string().min(1) }),
  subject: (d) => `Re: ${d.querySubject}`,
  text: (d) => `${d.message}\n\n— Guild support. Reply to this email to add to your query.`,
});

export const replyDueMail = defineMailTemplate({
  name: 'support.reply-due',
  data: z.object({ ...about, customerId: z.string(), dueAt: when }),
  subject: (d) => `Reply due by ${d.dueAt}: ${d.querySubject}`,
  text: (d) => `The reply deadline of ${ref(d)} of customer ${d.customerId} is ${d.dueAt}. Please reply before it passes.`,
});

export const breachMail = defineMailTemplate({
  name: 'support.breach',
  data: z.object({ ...about, customerId: z.string(), clock: z.enum(['first_reply', 'next_reply']), dueAt: when, assignedExpertId: z.string().nullable() }),
  subject: (d) => `SLA breached: ${d.querySubject}`,
  text: (d) =>
    `The ${d.clock.replace('_', ' ')} deadline of ${ref(d)} of customer ${d.customerId} passed at ${d.dueAt} without a reply. ` +
    `Assigned expert: ${d.assignedExpertId ?? 'none'}.`,
});

export const etaOverdueMail = defineMailTemplate({
  name: 'support.eta-overdue',
  data: z.object({ ...about, customerId: z.string(), dueAt: when, assignedExpertId: z.string().nullable() }),
  subject: (d) => `ETA overdue: ${d.querySubject}`,
  text: (d) =>
    `The ETA promised for ${ref(d)} of customer ${d.customerId} was ${d.dueAt} and the query is not resolved. ` +
    `Assigned expert: ${d.assignedExpertId ?? 'none'}.`,
});

/** The community's answer goes to the query's expert, never to the customer directly. */
export const communityAnswerMail = defineMailTemplate({
  name: 'support.community-answer',
  data: z.object({ ...about, question: z.string(), answer: z.string() }),
  subject: (d) => `Community answer: ${d.querySubject}`,
  text: (d) =>
    [
      `The community answered the question you asked for ${ref(d)}.`,
      '',
      'Question:',
      d.question,
      '',
      'Answer:',
      d.answer,
      '',
      'The customer has not seen this. Please reply to the customer on the query, in your own words.',
    ].join('\n'),
});

export const supportMailTemplates = mailTemplates(queryUpdateMail, replyDueMail, breachMail, etaOverdueMail, communityAnswerMail);
