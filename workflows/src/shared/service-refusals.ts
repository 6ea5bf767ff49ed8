/**
 * The failure types a service client raises when a service refuses a call: retrying cannot change
 * the answer, so activity presets never retry them and workflows may catch them by name.
 */
export const serviceRefusals = ['NotFound', 'Conflict', 'Refused', 'Rejected'] as const;
export type ServiceRefusal = (typeof serviceRefusals)[number];
