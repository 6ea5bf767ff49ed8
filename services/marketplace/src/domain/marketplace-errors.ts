import { AppError } from '@guild/platform';
import { describeFindings, type ContactFinding } from './contact-filter.js';

// The refusals of this service that callers act on, each with its own stable code.

const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export const contactDetailsInOffer = (findings: ContactFinding[]) =>
  new AppError('contact_details', {
    status: 422,
    message: `offers carry no direct contact details (the customer gets them through the platform once the contract is signed): found ${describeFindings(findings)}`,
  });

export const rateBelowOwn = (offered: number, own: number) =>
  new AppError('rate_below_own', {
    status: 422,
    message: `the offered rate ${usd(offered)}/h is below your own rate of ${usd(own)}/h`,
    fields: [{ path: 'body.rateCents', message: `at least ${own}` }],
  });

export const jobNotOpen = (status: string) => new AppError('job_not_open', { status: 422, message: `the job is ${status}: it takes no more offers` });

export const notListed = () => new AppError('not_listed', { status: 422, message: 'only experts with a listed profile can send offers' });

export const offerAlreadySent = () => new AppError('offer_exists', { status: 409, message: 'you already sent an offer for this job: edit it while the customer has not seen it, or withdraw it' });

export const offerFinal = () =>
  new AppError('offer_final', { status: 409, message: 'the customer has seen this offer: it is a final quote now and can only be withdrawn' });

export const offerNotOpen = (status: string) => new AppError('offer_not_open', { status: 409, message: `the offer is ${status}` });

export const alreadySelected = (offerId: string) =>
  new AppError('already_selected', { status: 409, message: `an expert was already selected for this job (offer ${offerId}); the first selection stands` });

export const noSelection = () => new AppError('not_selected', { status: 409, message: 'no offer has been selected for this job yet' });
