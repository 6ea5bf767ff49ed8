import { AppError } from '@guild/platform';

// The refusals of this service that callers act on, each with its own stable code. Messages
// name sizes and states, never a secret.

export const secretTooLarge = (maxBytes: number) =>
  new AppError('secret_too_large', {
    status: 413,
    message: `the secret is larger than ${maxBytes} bytes; hand over a shorter secret or a link to where it is kept`,
    fields: [{ path: 'body.secret', message: `at most ${maxBytes} bytes (UTF-8)` }],
  });

export const projectEnded = () => new AppError('project_ended', { status: 409, message: 'the project has ended: it takes no more credentials' });

export const credentialRevoked = () =>
  new AppError('credential_revoked', { status: 409, message: 'the customer revoked this credential: its secret is erased; ask them to hand it over again' });
