import { z } from 'zod';

// Bodies of the identity service: sign-in and tokens, companies and their members, experts, ops.
// Passwords and tokens travel in bodies only (never in URLs), so they stay out of access logs.

/** Emails are compared lower-cased: one address is one account however it is typed. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** The password policy: long enough to resist guessing; argon2id makes each guess expensive. */
export const newPasswordSchema = z
  .string()
  .min(12, 'a password needs at least 12 characters')
  .max(256, 'a password may have at most 256 characters');

export const signInBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(256),
});
export type SignInBody = z.infer<typeof signInBodySchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1).max(512) });

export const serviceTokenBodySchema = z.object({
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(512),
});

export const serviceTokenSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().positive(),
});

export const passwordResetRequestBodySchema = z.object({ email: emailSchema });

/** Used for both one-time links: the token from the mail and the password to set. */
export const oneTimeTokenBodySchema = z.object({
  token: z.string().min(1).max(512),
  password: newPasswordSchema,
});
export type OneTimeTokenBody = z.infer<typeof oneTimeTokenBodySchema>;

export const acceptedSchema = z.object({ status: z.literal('accepted') });

export const companyRoleSchema = z.enum(['owner', 'member']);

export const userKindSchema = z.enum(['customer', 'expert', 'ops']);

export const createCompanyBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  ownerEmail: emailSchema,
});
export type CreateCompanyBody = z.infer<typeof createCompanyBodySchema>;

export const companyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
});

export const invitationViewSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  kind: userKindSchema,
  companyId: z.uuid().nullable(),
  companyRole: companyRoleSchema.nullable(),
  expiresAt: z.iso.datetime(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

export const createdCompanySchema = z.object({
  company: companyViewSchema,
  invitation: invitationViewSchema,
});

export const companyParamsSchema = z.object({ companyId: z.uuid() });

export const inviteMemberBodySchema = z.object({
  email: emailSchema,
  role: companyRoleSchema.default('member'),
});
export type InviteMemberBody = z.infer<typeof inviteMemberBodySchema>;

export const memberViewSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: companyRoleSchema,
  /** `invited` until the member accepts their invitation and sets a password. */
  status: z.enum(['invited', 'active']),
  createdAt: z.iso.datetime(),
});
export type MemberView = z.infer<typeof memberViewSchema>;

export const registerExpertBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
});

export const inviteOpsUserBodySchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200).optional(),
});

export const invitedPersonSchema = z.object({
  userId: z.uuid(),
  expertId: z.string().nullable(),
  invitation: invitationViewSchema,
});

export const meSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  kind: userKindSchema,
  customerId: z.uuid().nullable(),
  companyRole: companyRoleSchema.nullable(),
  expertId: z.string().nullable(),
});

/** A JSON Web Key Set as published at `/.well-known/jwks.json` (public keys only). */
export const jwksSchema = z.object({
  keys: z.array(
    z
      .object({
        kty: z.string(),
        kid: z.string(),
        alg: z.string(),
        use: z.literal('sig'),
      })
      .catchall(z.string()),
  ),
});
