import { z } from 'zod';

// The vault's bodies and views. The secret travels only in the handover body and the reveal answer.

export const projectCredentialsParamsSchema = z.object({ projectId: z.uuid() });

/** Secrets are limited in bytes by the service (413 above it); the other fields here. */
export const handOverCredentialBodySchema = z
  .object({
    /** The tool, e.g. "GitHub", "AWS console (prod)". */
    system: z.string().trim().min(1).max(200),
    login: z.string().trim().min(1).max(320),
    secret: z.string().min(1),
    notes: z.string().max(4000).optional(),
  })
  .strict();
export type HandOverCredentialBody = z.infer<typeof handOverCredentialBodySchema>;

export const credentialViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  system: z.string(),
  login: z.string(),
  status: z.enum(['active', 'revoked']),
  handedOverBy: z.string(),
  handedOverAt: z.iso.datetime(),
  revokedBy: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type CredentialView = z.infer<typeof credentialViewSchema>;

export const revealCredentialBodySchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const revealedCredentialSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  system: z.string(),
  login: z.string(),
  secret: z.string(),
  notes: z.string().nullable(),
  revealedAt: z.iso.datetime(),
});

export const credentialRevealViewSchema = z.object({
  revealedBy: z.string(),
  role: z.string(),
  reason: z.string(),
  revealedAt: z.iso.datetime(),
});

/** For the hiring workflow's onboarding checklist: ids and counts only. */
export const credentialStatusSchema = z.object({ handedOver: z.boolean(), count: z.number().int().nonnegative() });
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;
