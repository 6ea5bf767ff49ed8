import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';

// Every mail sales sends, declared once. The lead's contact is a plain address (identity does not
// know them yet); experts and ops are resolved by identity at send time.

const usd = (cents: number) => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;

export const projectDraftMail = defineMailTemplate({
  name: 'sales.project-draft',
  data: z.object({
    contactName: z.string(),
    companyName: z.string(),
    rateCents: z.number().int(),
    hours: z.number().int(),
    tasks: z.array(z.object({ title: z.string(), estimateHours: z.number() })),
    acceptUrl: z.url(),
  }),
  subject: (d) => `Your project plan for ${d.companyName}`,
  text: (d) =>
    [
      `Hello ${d.contactName},`,
      '',
      `Here is the planned work we discussed: an hourly plan of ${d.hours} hours at ${usd(d.rateCents)}/h.`,
      ...d.tasks.map((t) => `  - ${t.title} (about ${t.estimateHours} h)`),
      '',
      `To accept it and open your company's account, follow this link (it works once): ${d.acceptUrl}`,
    ].join('\n'),
});

export const leadOutcomeMail = defineMailTemplate({
  name: 'sales.lead-outcome',
  data: z.object({ leadId: z.uuid(), companyName: z.string(), outcome: z.enum(['won', 'lost']), reason: z.string().nullable() }),
  subject: (d) => `Lead ${d.companyName}: ${d.outcome}`,
  text: (d) => [`The lead ${d.companyName} (${d.leadId}) is ${d.outcome}.`, ...(d.reason ? [`Reason: ${d.reason}`] : [])].join('\n'),
});

export const leadReminderMail = defineMailTemplate({
  name: 'sales.lead-reminder',
  data: z.object({ leadId: z.uuid(), companyName: z.string(), kind: z.enum(['no_meeting', 'no_outcome', 'no_handling']) }),
  subject: (d) =>
    ({
      no_meeting: `Book the sales meeting with ${d.companyName}`,
      no_outcome: `What came of the draft for ${d.companyName}?`,
      no_handling: `${d.companyName} is waiting: serve them or pass them to the pool`,
    })[d.kind],
  text: (d) =>
    ({
      no_meeting: `No sales meeting is booked yet for the lead ${d.companyName} (${d.leadId}). Please book the 30–60 minute meeting.`,
      no_outcome: `The project draft for ${d.companyName} (${d.leadId}) has no outcome yet. Please report whether it was won or lost.`,
      no_handling: `${d.companyName} (${d.leadId}) is a customer now and needs an expert who can start within 24 hours. Choose whether you serve them or pass them to the pool.`,
    })[d.kind],
});

export const salesMailTemplates = mailTemplates(projectDraftMail, leadOutcomeMail, leadReminderMail);
