/** The name this service records its events, mails and logs under. */
export const PAYOUTS_SOURCE = 'payouts';
