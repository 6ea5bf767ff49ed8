import { companyCreated, expertRegistered, memberJoined } from './identity.js';
import { querySubmitted, queryReplied, queryEscalated } from './support.js';

export * from './define-event.js';
export * from './support.js';
export * from './identity.js';

/** Every event the system publishes; streams and docs are derived from this list. */
export const allEvents = [
  querySubmitted,
  queryReplied,
  queryEscalated,
  companyCreated,
  memberJoined,
  expertRegistered,
] as const;

/** The first word of each subject: one per owning service. */
export const eventDomains = [...new Set(allEvents.map((e) => e.subject.split('.')[0]!))];
