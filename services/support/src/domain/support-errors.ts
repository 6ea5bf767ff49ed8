import { AppError, badRequest, notFound } from '@guild/platform';

// The refusals of this service that callers act on, each with its own stable code.

export const queryNotFound = () => notFound('query');
export const queryToMoveAheadOfNotFound = () => notFound('query to move ahead of');
export const communityQuestionNotFound = () => notFound('community question');
export const faqEntryNotFound = () => notFound('faq entry');
export const attachmentNotFound = () => notFound('attachment');
export const expertAssignmentNotFound = () => notFound('expert assignment');
export const ratingLinkNotFound = () => notFound('rating link');

export const alreadyRated = () => new AppError('already_rated', { status: 409, message: 'this query has been rated; the first answer is kept' });

export const unknownExpert = (expertId: string) =>
  new AppError('unknown_expert', { status: 422, message: `there is no expert "${expertId}"` });

export const onlyProposeResolution = () =>
  new AppError('forbidden', { status: 403, message: 'an expert proposes resolution (POST /queries/:id/resolution-proposal); the customer confirms it' });

// What the caller can still do once a query is resolved or closed, by what they tried.
const afterClosing = {
  message: 'open a new one',
  reply: 'the customer can open a new one',
  files: 'open a new one to send files',
} as const;

export const queryClosed = (status: string, attempted: keyof typeof afterClosing) =>
  new AppError('query_closed', { status: 409, message: `the query is ${status}; ${afterClosing[attempted]}` });

export const alreadyAnswered = () =>
  new AppError('already_answered', { status: 409, message: 'this community question already has an answer' });

export const cannotMoveAheadOfItself = () =>
  new AppError('invalid_move', { status: 400, message: 'a query cannot move ahead of itself' });

export const firstReplyWithoutEta = () =>
  badRequest('every first reply carries an ETA', [{ path: 'body.eta', message: 'a first reply needs an ETA: etaMinutes or etaAt' }]);

export const tokenWithoutCustomer = () => badRequest('the token names no customer');

/** The JSON parser has already consumed a JSON upload, and its bytes are gone. */
export const uploadSentAsJson = () =>
  new AppError('unsupported_media_type', {
    status: 415,
    message: 'send a JSON file as application/octet-stream; the file name keeps its kind',
  });

export const uploadWithoutFile = () => badRequest('the request carries no file: send its bytes as the body');

export const unknownProject = () =>
  new AppError('unknown_project', { status: 422, message: 'projectId names none of your projects; leave it out or name one of yours' });

export const heldMailNotFound = () => notFound('held mail');

export const heldMailDecided = (status: string) =>
  new AppError('held_mail_decided', { status: 409, message: `this mail was already ${status}` });

/** A cap on files per query, from the attachment policy. */
export const tooManyAttachments = (max: number) =>
  new AppError('too_many_attachments', { status: 409, message: `a query holds at most ${max} files; open a new query for more` });

/** A held mail that routing would refuse even from a proven sender: an unknown address, a full query. */
export const heldMailNotRoutable = (why: string) =>
  new AppError('held_mail_not_routable', { status: 422, message: `this mail cannot be released: ${why}` });
