/** The name under which the support service publishes its events. */
export const SUPPORT_SOURCE = 'support';
