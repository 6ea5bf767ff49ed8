import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';

// Every mail of the hiring process, declared once. Amounts arrive in cents and are written in
// dollars; people are resolved by identity when each mail is sent.

export const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const job = { jobId: z.uuid(), title: z.string() };
const price = { kind: z.enum(['hourly', 'fixed']), amountCents: z.number().int(), isEstimate: z.boolean() };
const priceText = (d: { kind: 'hourly' | 'fixed'; amountCents: number; isEstimate: boolean }) =>
  `${usd(d.amountCents)}${d.kind === 'hourly' ? '/h' : ' fixed'}${d.isEstimate ? ' (estimate)' : ''}`;
const budgetText = z.string();

export const invitationMail = defineMailTemplate({
  name: 'marketplace.invitation',
  data: z.object({ ...job, tasks: z.array(z.string()), skills: z.array(z.string()), budget: budgetText, desiredStart: z.string(), wave: z.number().int() }),
  subject: (d) => `New job for you: ${d.title}`,
  text: (d) =>
    [
      `You are invited to send an offer for "${d.title}" (starts ${d.desiredStart}).`,
      `Skills: ${d.skills.join(', ')}. Budget: ${d.budget}.`,
      'Tasks:',
      ...d.tasks.map((t) => `  - ${t}`),
      '',
      `Send your offer with POST /jobs/${d.jobId}/offers. Your offer is a final quote: you always get the full price you quote.`,
      'Do not put contact details in it; the customer gets them through us once the contract is signed. The speed of your answer counts.',
    ].join('\n'),
});

export const offerReceivedMail = defineMailTemplate({
  name: 'marketplace.offer-received',
  data: z.object({ ...job, ...price, offerCount: z.number().int() }),
  subject: (d) => `New offer for "${d.title}": ${priceText(d)}`,
  text: (d) => `An expert offered ${priceText(d)} for "${d.title}". You have ${d.offerCount} offer(s); compare them at GET /jobs/${d.jobId}/offers and choose one.`,
});

export const expertSelectedMail = defineMailTemplate({
  name: 'marketplace.expert-selected',
  data: z.object({ ...job, ...price }),
  subject: (d) => `You were selected for "${d.title}"`,
  text: (d) => `The customer chose your offer of ${priceText(d)} for "${d.title}". The project is being set up; your welcome mail follows.`,
});

export const customerWelcomeMail = defineMailTemplate({
  name: 'marketplace.welcome-customer',
  data: z.object({
    ...job,
    expertId: z.string(),
    expertHeadline: z.string(),
    expertSkills: z.array(z.string()),
    customerRateCents: z.number().int(),
    boardUrl: z.string(),
    depositInvoice: z.object({ amountCents: z.number().int(), status: z.string(), invoiceId: z.string() }).nullable(),
  }),
  subject: (d) => `Welcome: your expert for "${d.title}" is ready`,
  text: (d) =>
    [
      `Welcome to Guild. Your project "${d.title}" is set up at ${usd(d.customerRateCents)}/h.`,
      '',
      `Your dedicated expert: ${d.expertHeadline || d.expertId} (skills: ${d.expertSkills.join(', ')}). Reply to this mail to write to them.`,
      '',
      'Next steps:',
      `  1. Open your project board: ${d.boardUrl} — plan every task there.`,
      '  2. Share access to your tools through the secured access form (never by mail).',
      '  3. Add your stakeholders with their email addresses and phone numbers.',
      d.depositInvoice
        ? `  4. Pay the deposit invoice ${d.depositInvoice.invoiceId}: ${usd(d.depositInvoice.amountCents)} (${d.depositInvoice.status}).`
        : '  4. Your deposit invoice follows from billing.',
    ].join('\n'),
});

export const expertWelcomeMail = defineMailTemplate({
  name: 'marketplace.welcome-expert',
  data: z.object({ ...job, customerId: z.string(), tasks: z.array(z.string()), expertRateCents: z.number().int(), budget: budgetText, boardUrl: z.string() }),
  subject: (d) => `Welcome to the project "${d.title}"`,
  text: (d) =>
    [
      `You work for customer ${d.customerId} on "${d.title}" at ${usd(d.expertRateCents)}/h (you always get this rate in full). Budget: ${d.budget}.`,
      'Scope:',
      ...d.tasks.map((t) => `  - ${t}`),
      '',
      `Board: ${d.boardUrl}. Plan the execution there.`,
      'Our customer service guidelines: reply to every query within 1 hour with an answer and an ETA; every action gets a board task;',
      'work on staging first, test, then release; every meeting ends with a 3-point summary; track every hour.',
      `Agree the scope and the budget with the customer and acknowledge these guidelines (POST /jobs/${d.jobId}/onboarding).`,
    ].join('\n'),
});

export const onboardingReminderMail = defineMailTemplate({
  name: 'marketplace.onboarding-reminder',
  data: z.object({ ...job, missing: z.array(z.string()).min(1) }),
  subject: (d) => `To launch "${d.title}" we still need: ${d.missing.join(', ')}`,
  text: (d) => [`Your project "${d.title}" launches as soon as these are done:`, ...d.missing.map((m) => `  - ${m}`)].join('\n'),
});

export const topOffersMail = defineMailTemplate({
  name: 'marketplace.top-offers',
  data: z.object({ ...job, offers: z.array(z.object({ offerId: z.string(), ...price, score: z.number() })) }),
  subject: (d) => `Your best offers for "${d.title}": choose your expert`,
  text: (d) =>
    [
      `You have not chosen an expert for "${d.title}" yet. The best offers:`,
      ...(d.offers.length ? d.offers.map((o, i) => `  ${i + 1}. ${priceText(o)} (match ${Math.round(o.score * 100)}%) — offer ${o.offerId}`) : ['  (no offers yet: we are inviting more experts)']),
      '',
      `Choose one with POST /jobs/${d.jobId}/selection.`,
    ].join('\n'),
});

export const hiringAlertMail = defineMailTemplate({
  name: 'marketplace.hiring-alert',
  data: z.object({ ...job, customerId: z.string(), kind: z.enum(['no_offers', 'sla_breach']), postedAt: z.string() }),
  subject: (d) => (d.kind === 'no_offers' ? `No offers yet for job "${d.title}"` : `Breach: job "${d.title}" not launched within 24 h`),
  text: (d) =>
    d.kind === 'no_offers'
      ? `Job ${d.jobId} of customer ${d.customerId}, posted ${d.postedAt}, has no offers. The next invitation wave went out; consider inviting experts by hand.`
      : `Job ${d.jobId} of customer ${d.customerId}, posted ${d.postedAt}, has not launched within the 24 h promise. It shows as SlaBreached in the Temporal UI.`,
});

export const marketplaceMailTemplates = mailTemplates(
  invitationMail,
  offerReceivedMail,
  expertSelectedMail,
  customerWelcomeMail,
  expertWelcomeMail,
  onboardingReminderMail,
  topOffersMail,
  hiringAlertMail,
);
