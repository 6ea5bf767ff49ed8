import { hiringBreached, hiringLaunched, onboardingUpdated, type CreateProjectBody } from '@guild/contracts';
import type { Job, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queueMarketplaceMail } from '../mail/mail-outbox.js';
import { customerWelcomeMail, expertWelcomeMail, hiringAlertMail, onboardingReminderMail, topOffersMail } from '../mail/templates.js';
import { noSelection } from './marketplace-errors.js';
import { budgetMinutes, customerRateCents, type TalentRegion } from './pricing.js';
import { MARKETPLACE_SOURCE } from './source.js';
import { minutesBetween } from './time-to-launch.js';
import { budgetOf, budgetText, offerPrice, skillsOf } from './views.js';
import { rankForJob } from './invite-wave.js';

// The steps the hiring process asks of the marketplace once a job is posted, each safe to repeat.

export interface HiringSettings {
  expertMailDomain: string;
  projectsPublicUrl: string;
}

async function selectedOf(prisma: PrismaClient, job: Job) {
  if (!job.selectedOfferId) throw noSelection();
  const offer = await prisma.offer.findUniqueOrThrow({ where: { id: job.selectedOfferId } });
  const profile = await prisma.expertProfile.findUniqueOrThrow({ where: { expertId: offer.expertId } });
  return { offer, profile };
}

/** The project the selected offer becomes: both rates, the region and the budget in minutes. */
export async function contractOf(prisma: PrismaClient, job: Job): Promise<CreateProjectBody> {
  const { offer, profile } = await selectedOf(prisma, job);
  const expertRate = offer.kind === 'hourly' ? offer.rateCents! : profile.hourlyRateCents;
  const region = profile.talentRegion as TalentRegion;
  return {
    title: job.title,
    customerId: job.customerId,
    expertId: offer.expertId,
    customerRateCents: customerRateCents(expertRate, region),
    expertRateCents: expertRate,
    talentRegion: region,
    budget: { kind: 'cap', minutes: budgetMinutes(budgetOf(job), { kind: offer.kind as 'hourly' | 'fixed', priceCents: offer.priceCents }, expertRate) },
    weekStartDay: 'monday',
    timeZone: job.timeZone,
    billingMode: 'deposit',
    npsCadence: 'weekly',
  };
}

export async function recordProject(prisma: PrismaClient, job: Job, projectId: string): Promise<Job> {
  return prisma.job.update({ where: { id: job.id }, data: { projectId } });
}

export interface DepositInvoice {
  invoiceId: string;
  amountCents: number;
  status: string;
}

/** Both sides welcomed; the customer's mail answers to the expert's dedicated address on our domain. */
export async function sendWelcomeMails(prisma: PrismaClient, job: Job, settings: HiringSettings, depositInvoice: DepositInvoice | null): Promise<void> {
  const { offer, profile } = await selectedOf(prisma, job);
  const contract = await contractOf(prisma, job);
  const boardUrl = `${settings.projectsPublicUrl}/projects/${job.projectId ?? ''}`;
  const replyTo = { 'Reply-To': `${offer.expertId}@${settings.expertMailDomain}` };
  await prisma.$transaction(async (tx) => {
    await queueMarketplaceMail(tx, {
      idempotencyKey: `welcome-customer:${job.id}`,
      template: customerWelcomeMail,
      data: { jobId: job.id, title: job.title, expertId: offer.expertId, expertHeadline: profile.headline, expertSkills: skillsOf(profile).map((s) => s.name), customerRateCents: contract.customerRateCents, boardUrl, depositInvoice },
      to: [{ kind: 'company', companyId: job.customerId }],
      headers: replyTo,
    });
    await queueMarketplaceMail(tx, {
      idempotencyKey: `welcome-expert:${job.id}`,
      template: expertWelcomeMail,
      data: { jobId: job.id, title: job.title, customerId: job.customerId, tasks: job.tasks, expertRateCents: contract.expertRateCents, budget: `${budgetText(budgetOf(job))}; your offer ${offerPrice(offer).amountCents / 100} USD`, boardUrl },
      to: [{ kind: 'expert', expertId: offer.expertId }],
      headers: replyTo,
    });
  });
}

const itemColumns = { scope_agreed: 'scopeAgreedAt', budget_agreed: 'budgetAgreedAt', guidelines_acknowledged: 'guidelinesAcknowledgedAt' } as const;

/** The expert (or ops) marks an onboarding item done; the process rechecks its checklist. */
export async function completeOnboardingItem(prisma: PrismaClient, job: Job, item: keyof typeof itemColumns): Promise<Job> {
  if (!job.selectedOfferId) throw noSelection();
  return prisma.$transaction(async (tx) => {
    const at = new Date();
    const updated = await tx.job.update({ where: { id: job.id }, data: { [itemColumns[item]]: job[itemColumns[item]] ?? at } });
    await recordEvent(tx, MARKETPLACE_SOURCE, onboardingUpdated, { jobId: job.id, item, at: at.toISOString() });
    return updated;
  });
}

const customerItems = new Set(['tool access (credentials)', 'stakeholders with emails and phones']);

/** Reminds each side of what it still owes: the customer tool access and stakeholders, the expert the rest. */
export async function sendOnboardingReminders(prisma: PrismaClient, job: Job, missing: string[], round: number): Promise<void> {
  const { offer } = await selectedOf(prisma, job);
  const forCustomer = missing.filter((m) => customerItems.has(m));
  const forExpert = missing.filter((m) => !customerItems.has(m));
  await prisma.$transaction(async (tx) => {
    if (forCustomer.length)
      await queueMarketplaceMail(tx, { idempotencyKey: `onboarding-reminder:${job.id}:${round}:customer`, template: onboardingReminderMail, data: { jobId: job.id, title: job.title, missing: forCustomer }, to: [{ kind: 'company', companyId: job.customerId }] });
    if (forExpert.length)
      await queueMarketplaceMail(tx, { idempotencyKey: `onboarding-reminder:${job.id}:${round}:expert`, template: onboardingReminderMail, data: { jobId: job.id, title: job.title, missing: forExpert }, to: [{ kind: 'expert', expertId: offer.expertId }] });
  });
}

/** Open offers, best match first: what the customer is recommended. */
export async function recommendedOffers(prisma: PrismaClient, job: Job) {
  const scores = new Map((await rankForJob(prisma, job)).map((m) => [m.expertId, m.score]));
  const offers = await prisma.offer.findMany({ where: { jobId: job.id, status: 'open' }, take: 500 });
  return offers.map((o) => ({ offer: o, score: scores.get(o.expertId) ?? 0 })).sort((a, b) => b.score - a.score || a.offer.submittedAt.getTime() - b.offer.submittedAt.getTime());
}

/** Nothing selected by the deadline: the customer is sent the best offers so far. */
export async function sendTopOffers(prisma: PrismaClient, job: Job, count: number): Promise<void> {
  const top = (await recommendedOffers(prisma, job)).slice(0, count);
  await prisma.$transaction((tx) =>
    queueMarketplaceMail(tx, {
      idempotencyKey: `top-offers:${job.id}`,
      template: topOffersMail,
      data: { jobId: job.id, title: job.title, offers: top.map((t) => ({ offerId: t.offer.id, ...offerPrice(t.offer), score: t.score })) },
      to: [{ kind: 'company', companyId: job.customerId }],
    }),
  );
}

/** Ops alerts of the 24 h promise; the breach is also marked on the job and published. */
export async function raiseHiringAlert(prisma: PrismaClient, job: Job, kind: 'no_offers' | 'sla_breach'): Promise<Job> {
  return prisma.$transaction(async (tx) => {
    await queueMarketplaceMail(tx, {
      idempotencyKey: `hiring-alert:${job.id}:${kind}`,
      template: hiringAlertMail,
      data: { jobId: job.id, title: job.title, customerId: job.customerId, kind, postedAt: job.postedAt.toISOString() },
      to: [{ kind: 'ops' }],
    });
    if (kind !== 'sla_breach' || job.slaBreachedAt) return job;
    const breached = await tx.job.update({ where: { id: job.id }, data: { slaBreachedAt: new Date() } });
    await recordEvent(tx, MARKETPLACE_SOURCE, hiringBreached, { jobId: job.id, customerId: job.customerId, postedAt: job.postedAt.toISOString(), breachedAt: breached.slaBreachedAt!.toISOString() });
    return breached;
  });
}

/** The project is active: the job is launched and its time to launch measured from the posting. */
export async function markLaunched(prisma: PrismaClient, job: Job): Promise<Job> {
  if (job.launchedAt) return job;
  const { offer } = await selectedOf(prisma, job);
  return prisma.$transaction(async (tx) => {
    const launched = await tx.job.update({ where: { id: job.id }, data: { status: 'launched', launchedAt: new Date() } });
    await recordEvent(tx, MARKETPLACE_SOURCE, hiringLaunched, {
      jobId: job.id,
      projectId: job.projectId!,
      customerId: job.customerId,
      expertId: offer.expertId,
      launchedAt: launched.launchedAt!.toISOString(),
      minutesToLaunch: minutesBetween(job.postedAt, launched.launchedAt!),
    });
    return launched;
  });
}
