/** The name under which the identity service publishes its events. */
export const IDENTITY_SOURCE = 'identity';
