/**
 * The rules of sign-in and one-time links, as numbers: the service reads them from its
 * environment, and tests pass short ones (a lock of a second, a link that expires at once).
 */
export interface IdentityPolicy {
  refreshTokenTtlMs: number;
  invitationTtlMs: number;
  passwordResetTtlMs: number;
  /** Consecutive failed sign-ins for one email from one address after which that pair is locked. */
  maxFailedSignIns: number;
  lockDurationMs: number;
  /** Base of the links sent by mail. */
  appUrl: string;
}

export const defaultIdentityPolicy: IdentityPolicy = {
  refreshTokenTtlMs: 30 * 24 * 3_600_000,
  invitationTtlMs: 72 * 3_600_000,
  passwordResetTtlMs: 30 * 60_000,
  maxFailedSignIns: 5,
  lockDurationMs: 15 * 60_000,
  appUrl: 'http://127.0.0.1:4020',
};
