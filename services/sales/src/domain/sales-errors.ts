import { AppError, badRequest } from '@guild/platform';

// The refusals of the sales service that callers act on, each with its own stable code.

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export const belowMinimumRate = (region: string, minimumCents: number) =>
  new AppError('below_minimum_rate', {
    status: 422,
    message: `the minimum rate for ${region} talent is ${dollars(minimumCents)}/h and it is not negotiable; offer at least that`,
    fields: [{ path: 'body.rateCents', message: `at least ${minimumCents}` }],
  });

export const meetingLength = () =>
  badRequest('a sales meeting lasts 30 to 60 minutes', [{ path: 'body.minutes', message: 'between 30 and 60' }]);

export const wrongStage = (action: string, stage: string) =>
  new AppError('wrong_stage', { status: 409, message: `a lead in stage "${stage}" cannot ${action}` });

export const handlingChosen = () => new AppError('handling_chosen', { status: 409, message: 'how this customer is served was already chosen' });

export const acceptLinkInvalid = () => new AppError('not_found', { status: 404, message: 'this link is not valid: it was used already, or the draft was replaced' });
