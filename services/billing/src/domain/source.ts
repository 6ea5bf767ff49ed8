/** The name billing records its events and mails under. */
export const BILLING_SOURCE = 'billing';
