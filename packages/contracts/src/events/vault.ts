import { z } from 'zod';
import { defineEvent } from './define-event.js';

// The vault's events carry ids only: never a system, a login, a secret or a note.

const credentialRef = z.object({
  credentialId: z.uuid(),
  projectId: z.uuid(),
  customerId: z.string().min(1),
  expertId: z.string().min(1),
});

/** The customer handed over access to a tool: the hiring onboarding checklist can tick it. */
export const credentialHandedOver = defineEvent('vault.credential.handed_over', 1, credentialRef.extend({ handedOverAt: z.iso.datetime() }));

/** The customer (or ops) revoked a credential: its secret is erased. */
export const credentialRevoked = defineEvent('vault.credential.revoked', 1, credentialRef.extend({ revokedAt: z.iso.datetime() }));
