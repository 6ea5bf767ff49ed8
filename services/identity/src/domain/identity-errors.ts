import { AppError, notFound } from '@guild/platform';

// The refusals of this service that callers act on, each with its own stable code.

/** Wrong password and unknown email: one answer, so sign-in never tells who has an account. */
export const invalidCredentials = () =>
  new AppError('invalid_credentials', { status: 401, message: 'the email or the password is wrong' });

export const accountLocked = (until: Date) =>
  new AppError('account_locked', {
    status: 423,
    message: `too many failed sign-ins for this email from this address: try again after ${until.toISOString()}`,
  });

export const invalidRefreshToken = () =>
  new AppError('invalid_refresh_token', { status: 401, message: 'the refresh token is invalid, expired or revoked' });

export const refreshTokenReused = () =>
  new AppError('refresh_token_reused', {
    status: 401,
    message: 'this refresh token was already used: every session of its family is revoked, sign in again',
  });

export const invalidLinkToken = () =>
  new AppError('invalid_link_token', { status: 400, message: 'the link is invalid, already used or expired' });

export const invalidClient = () =>
  new AppError('invalid_client', { status: 401, message: 'the client id or the client secret is wrong' });

export const emailInUse = () =>
  new AppError('email_in_use', { status: 409, message: 'this email already belongs to another Guild account' });

export const alreadyMember = () =>
  new AppError('already_member', { status: 409, message: 'this person is already an active member of the company' });

export const ownerOnly = () =>
  new AppError('forbidden', { status: 403, message: "only the company's owner may invite members" });

export const companyNotFound = () => notFound('company');

export const userNotFound = () => notFound('user');
