import { z } from 'zod';
import { defineEvent } from './define-event.js';

// Events carry ids, roles and times only: email addresses and names are personal data and stay
// in the identity service's database; secrets and tokens never leave it in any form.

export const companyCreated = defineEvent(
  'identity.company.created',
  1,
  z.object({
    companyId: z.uuid(),
    name: z.string().min(1),
    createdAt: z.iso.datetime(),
  }),
);

export const memberJoined = defineEvent(
  'identity.member.joined',
  1,
  z.object({
    companyId: z.uuid(),
    userId: z.uuid(),
    role: z.enum(['owner', 'member']),
    joinedAt: z.iso.datetime(),
  }),
);

export const expertRegistered = defineEvent(
  'identity.expert.registered',
  1,
  z.object({
    expertId: z.string().min(1),
    userId: z.uuid(),
    registeredAt: z.iso.datetime(),
  }),
);
