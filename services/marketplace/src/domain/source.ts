/** The name this service publishes events and sends mail under. */
export const MARKETPLACE_SOURCE = 'marketplace';
