import { condition, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { searchAttributes } from '../search-attributes.js';
import { serviceCall } from '../shared/activity-presets.js';
import { durationMs } from '../shared/duration.js';
import type { createHiringActivities } from './activities.js';
import { missingItems } from './checklist.js';
import type { HiringInput, HiringOutcome } from './input.js';
import {
  offerSubmittedSignal,
  offerWithdrawnSignal,
  onboardingChangedSignal,
  recommendationQuery,
  selectOfferUpdate,
  type KnownOffer,
  type Recommendation,
} from './messages.js';

type Activities = ReturnType<typeof createHiringActivities>;
const act = (summary: string) => proxyActivities<Activities>({ ...serviceCall, summary });

interface Hiring {
  stage: Recommendation['stage'];
  offers: KnownOffer[];
  waves: number;
  selectedOfferId: string | null;
  projectId: string | null;
  missing: string[];
  onboardingChanged: boolean;
  breached: boolean;
}

/**
 * A posted job, launched within 24 hours: invite the best experts in waves → offers arrive → the
 * customer selects one (always their choice) → the contract: the project in the projects service
 * → both sides welcomed → onboarding (tool access, stakeholders, scope, budget, guidelines) with
 * reminders → launched: the project is active and its sprint starts. Beside it run the clocks:
 * no offers by 4 h, no choice by 12 h, not launched by 24 h.
 */
export async function hiring(input: HiringInput): Promise<HiringOutcome> {
  const job = listen(input);
  const clocks = keepThe24HourPromise(input, job);
  await inviteInWaves(input, job);
  await condition(() => job.selectedOfferId !== null);
  const projectId = await signTheContract(input, job);
  await act('welcome the customer and the expert').sendHiringWelcomeMails(input.jobId, input.customerId);
  await onboard(input, job, projectId);
  await act('activate the project (its sprint starts) and mark the job launched').launchHiredProject(input.jobId, projectId);
  job.stage = 'launched';
  await clocks;
  return { projectId, minutesToLaunch: Math.round((Date.now() - Date.parse(input.postedAt)) / 60_000), breached: job.breached };
}

function listen(input: HiringInput): Hiring {
  const job: Hiring = { stage: 'inviting', offers: [], waves: 0, selectedOfferId: null, projectId: null, missing: [], onboardingChanged: false, breached: false };
  setHandler(offerSubmittedSignal, ({ offerId, expertId, submittedAt }) => {
    if (!job.offers.some((o) => o.offerId === offerId)) job.offers.push({ offerId, expertId, status: 'open', receivedAt: submittedAt });
  });
  setHandler(offerWithdrawnSignal, ({ offerId }) => {
    const offer = job.offers.find((o) => o.offerId === offerId);
    if (offer && offer.status === 'open') offer.status = 'withdrawn';
  });
  setHandler(onboardingChangedSignal, () => {
    job.onboardingChanged = true;
  });
  setHandler(
    selectOfferUpdate,
    ({ offerId, expertId }) => {
      if (job.selectedOfferId === null) {
        job.selectedOfferId = offerId;
        const known = job.offers.find((o) => o.offerId === offerId);
        if (known) known.status = 'selected';
        else job.offers.push({ offerId, expertId, status: 'selected', receivedAt: new Date().toISOString() });
      }
      return { offerId: job.selectedOfferId };
    },
    {
      // The marketplace already refused these with 409; the process checks again: the first choice stands.
      validator: ({ offerId }) => {
        if (job.selectedOfferId !== null && job.selectedOfferId !== offerId) throw new Error(`offer ${job.selectedOfferId} was already selected`);
        if (job.offers.find((o) => o.offerId === offerId)?.status === 'withdrawn') throw new Error(`offer ${offerId} was withdrawn`);
      },
    },
  );
  setHandler(recommendationQuery, () => ({
    jobId: input.jobId,
    stage: job.stage,
    waves: job.waves,
    offers: job.offers.filter((o) => o.status === 'open'),
    selectedOfferId: job.selectedOfferId,
    projectId: job.projectId,
    missing: job.missing,
    breached: job.breached,
  }));
  return job;
}

async function inviteNextWave(input: HiringInput, job: Hiring): Promise<number> {
  job.waves += 1;
  return act(`invite wave ${job.waves}: the best ${input.policy.waveSize} experts not invited yet`).inviteHiringWave(input.jobId, job.waves, input.policy.waveSize);
}

/** The best N first; the next wave when a wave brings fewer than K offers within its window. */
async function inviteInWaves(input: HiringInput, job: Hiring): Promise<void> {
  const { policy } = input;
  while (job.selectedOfferId === null && job.waves < policy.maxWaves) {
    const invited = await inviteNextWave(input, job);
    const before = job.offers.length;
    const enough = () => job.offers.length - before >= policy.minOffersPerWave;
    await condition(() => job.selectedOfferId !== null || enough(), policy.waveWindow);
    if (enough() || invited === 0) break;
  }
  job.stage = 'choosing';
}

async function signTheContract(input: HiringInput, job: Hiring): Promise<string> {
  job.stage = 'contracting';
  job.projectId = await act("create the project with the customer's and the expert's rates").signHiringContract(input.jobId);
  return job.projectId;
}

/** Reads the checklist until nothing is missing, reminding whoever owes an item every so often. */
async function onboard(input: HiringInput, job: Hiring, projectId: string): Promise<void> {
  job.stage = 'onboarding';
  const { policy } = input;
  let nextReminderAt = Date.now() + durationMs(policy.onboardingReminderEvery);
  for (let round = 1; ; ) {
    job.onboardingChanged = false;
    job.missing = missingItems(await act('read the onboarding checklist (vault, stakeholders, agreements)').readOnboardingChecklist(input.jobId, projectId));
    if (job.missing.length === 0) return;
    if (Date.now() >= nextReminderAt) {
      await act(`remind about: ${job.missing.join(', ')}`).remindOnboarding(input.jobId, job.missing, round++);
      nextReminderAt = Date.now() + durationMs(policy.onboardingReminderEvery);
    }
    await condition(() => job.onboardingChanged, Math.min(durationMs(policy.onboardingCheckEvery), Math.max(1, nextReminderAt - Date.now())));
  }
}

/** No offers by 4 h → next wave and ops; no choice by 12 h → the top offers to the customer; not launched by 24 h → breach. */
async function keepThe24HourPromise(input: HiringInput, job: Hiring): Promise<void> {
  const { policy } = input;
  const posted = Date.parse(input.postedAt);
  const until = (after: string) => Math.max(0, posted + durationMs(after) - Date.now());
  const launched = () => job.stage === 'launched';
  const noOffers = async () => {
    if (await condition(() => job.offers.length > 0 || job.selectedOfferId !== null, until(policy.noOffersBy), { summary: `no-offers deadline ${policy.noOffersBy} after posting` })) return;
    await inviteNextWave(input, job);
    await act('alert ops: no offers yet').raiseHiringAlert(input.jobId, 'no_offers');
  };
  const noChoice = async () => {
    if (await condition(() => job.selectedOfferId !== null, until(policy.selectBy), { summary: `selection deadline ${policy.selectBy} after posting` })) return;
    await act('send the customer the best offers so far').sendTopOffersToCustomer(input.jobId, policy.topOffers);
  };
  const notLaunched = async () => {
    if (await condition(launched, until(policy.launchBy), { summary: `launch deadline ${policy.launchBy} after posting` })) return;
    job.breached = true;
    upsertSearchAttributes([{ key: searchAttributes.SlaBreached, value: true }]);
    await act('alert ops: the job missed its 24 h launch').raiseHiringAlert(input.jobId, 'sla_breach');
  };
  await Promise.all([noOffers(), noChoice(), notLaunched()]);
}
