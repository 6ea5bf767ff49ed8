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

/** The receipt of a new query: its number and the promise. */
export const queryReceivedMail = defineMailTemplate({
  name: 'support.query-received',
  data: z.object({ ...about, number: z.number().int().positive(), firstReplyBy: when }),
  subject: (d) => `Query #${d.number} received: ${d.querySubject}`,
  text: (d) =>
    `We received your query #${d.number} ("${d.querySubject}"). An expert will reply by ${d.firstReplyBy}.\n\n— Guild support. Reply to this email to add to your query.`,
});

/** Ops learn at once of a query that nobody would answer or nobody would hear about. */
export const queryNeedsOpsMail = defineMailTemplate({
  name: 'support.query-needs-ops',
  data: z.object({ ...about, number: z.number().int().positive(), customerId: z.string(), problem: z.enum(['unassigned', 'customer_unreachable']) }),
  subject: (d) => `${d.problem === 'unassigned' ? 'Unassigned query' : 'Customer unreachable'}: #${d.number} ${d.querySubject}`,
  text: (d) =>
    d.problem === 'unassigned'
      ? `Query #${d.number}, ${ref(d)} of customer ${d.customerId}, has no assigned expert. Assign one: PUT /queries/${d.queryId}/assignment.`
      : `Query #${d.number}, ${ref(d)} of customer ${d.customerId}: nobody of the customer's company can receive mail, so replies reach no one. Fix the company's members in identity.`,
});

/** An expert gets a query ops handed to them. */
export const queryAssignedMail = defineMailTemplate({
  name: 'support.query-assigned',
  data: z.object({ ...about, number: z.number().int().positive(), reason: z.string() }),
  subject: (d) => `Assigned to you: #${d.number} ${d.querySubject}`,
  text: (d) => `Ops assigned ${ref(d)} to you. Reason: ${d.reason}`,
});

/** A new community question, to the experts who may know; the customer is not named. */
export const communityQuestionMail = defineMailTemplate({
  name: 'support.community-question',
  data: z.object({ ...about, questionId: z.uuid(), question: z.string() }),
  subject: () => 'A colleague asks the community',
  text: (d) => [`A colleague asks:`, '', d.question, '', `Answer it with POST /community/questions/${d.questionId}/answers.`].join('\n'),
});

/** The research owner is told that the quick check is over and the research is theirs. */
export const researchOwnerMail = defineMailTemplate({
  name: 'support.research-owner',
  data: z.object({ ...about }),
  subject: (d) => `Research is yours: ${d.querySubject}`,
  text: (d) => `The community check of ${ref(d)} ran out; the query is now in research and you own it. Post your findings as research replies: the customer sees them as updates.`,
});

/** The work is delivered: the customer rates it with one click (each link carries its score, signed). */
export const queryResolvedMail = defineMailTemplate({
  name: 'support.query-resolved',
  data: z.object({ ...about, number: z.number().int().positive(), ratingLinks: z.array(z.object({ score: z.number().int().min(1).max(5), url: z.url() })).length(5) }),
  subject: (d) => `Resolved: ${d.querySubject}`,
  text: (d) =>
    [
      `Your query #${d.number} ("${d.querySubject}") is resolved.`,
      '',
      'How satisfied are you? One click (1 = not at all, 5 = very):',
      ...d.ratingLinks.map((l) => `${l.score}: ${l.url}`),
      '',
      'Not solved after all? Reply to this email and we reopen it.',
    ].join('\n'),
  holdsSecrets: true,
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

export const supportMailTemplates = mailTemplates(
  queryUpdateMail,
  queryReceivedMail,
  queryNeedsOpsMail,
  queryAssignedMail,
  communityQuestionMail,
  researchOwnerMail,
  queryResolvedMail,
  replyDueMail,
  breachMail,
  etaOverdueMail,
  communityAnswerMail,
);
