import {
  credentialRevealViewSchema,
  credentialStatusSchema,
  credentialViewSchema,
  handOverCredentialBodySchema,
  idParamsSchema,
  projectCredentialsParamsSchema,
  revealCredentialBodySchema,
  revealedCredentialSchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar, Sealer } from '@guild/platform';
import { z } from 'zod';
import { credentialStatusOf } from '../domain/credential-status.js';
import { toCredentialView } from '../domain/credential-view.js';
import { handOverCredential } from '../domain/hand-over-credential.js';
import { listProjectCredentials, listReveals } from '../domain/list-credentials.js';
import { revealCredential } from '../domain/reveal-credential.js';
import { revokeCredential } from '../domain/revoke-credential.js';

export interface CredentialRouteDeps {
  prisma: PrismaClient;
  sealer: Sealer;
  maxSecretBytes: number;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded: () => void;
}

export function registerCredentialRoutes(r: RouteRegistrar, { prisma, sealer, maxSecretBytes, eventsRecorded }: CredentialRouteDeps) {
  r.route({
    method: 'post',
    path: '/projects/:projectId/credentials',
    summary: "Hand over access to one of the project's tools (the customer company's members)",
    description: `The secret and notes are sealed at once (AES-256-GCM, a data key per credential wrapped by the vault's master key). A secret above ${maxSecretBytes} bytes (UTF-8) is 413. The answer and the \`vault.credential.handed_over\` event carry no secret.`,
    tags: ['vault'],
    roles: ['customer'],
    params: projectCredentialsParamsSchema,
    body: handOverCredentialBodySchema,
    response: credentialViewSchema,
    status: 201,
    idempotent: { unhashedFields: ['secret', 'notes'] },
    handler: async ({ params, body, principal }) => {
      const credential = await handOverCredential(prisma, sealer, maxSecretBytes, principal, params.projectId, body);
      eventsRecorded();
      return toCredentialView(credential);
    },
  });

  r.route({
    method: 'get',
    path: '/projects/:projectId/credentials',
    summary: "The project's handed-over tools, newest first (no secrets)",
    description: "Visible to the customer company's members, the project's expert and ops; anyone else gets 404.",
    tags: ['vault'],
    roles: ['customer', 'expert', 'ops'],
    params: projectCredentialsParamsSchema,
    response: z.object({ items: z.array(credentialViewSchema) }),
    handler: async ({ params, principal }) => ({ items: (await listProjectCredentials(prisma, principal, params.projectId)).map(toCredentialView) }),
  });

  r.route({
    method: 'get',
    path: '/projects/:projectId/credential-status',
    summary: 'Whether the customer has handed over at least one tool still in force (services and ops)',
    description: "For the hiring workflow's onboarding checklist: a count, never a credential.",
    tags: ['vault'],
    roles: ['service', 'ops'],
    params: projectCredentialsParamsSchema,
    response: credentialStatusSchema,
    handler: async ({ params }) => credentialStatusOf(prisma, params.projectId),
  });

  r.route({
    method: 'post',
    path: '/credentials/:id/reveal',
    summary: "Read a credential's secret, with the reason (the project's expert and ops)",
    description:
      "Each reveal is recorded (who, when, why) before the secret is answered; an ended project's expert reveals nothing. Anyone else — the customer included — gets 404; a revoked credential is 409.",
    tags: ['vault'],
    // Every role may ask, so that everyone but the project's expert and ops gets the same 404.
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    body: revealCredentialBodySchema,
    response: revealedCredentialSchema,
    handler: async ({ params, body, principal, res }) => {
      res.setHeader('cache-control', 'no-store');
      return revealCredential(prisma, sealer, principal, params.id, body.reason);
    },
  });

  r.route({
    method: 'post',
    path: '/credentials/:id/revocation',
    summary: 'Revoke a credential: its secret is erased (the customer company’s members, ops)',
    description: 'Revoking again answers the revoked credential unchanged.',
    tags: ['vault'],
    roles: ['customer', 'ops'],
    params: idParamsSchema,
    response: credentialViewSchema,
    handler: async ({ params, principal }) => {
      const credential = await revokeCredential(prisma, principal, params.id);
      eventsRecorded();
      return toCredentialView(credential);
    },
  });

  r.route({
    method: 'get',
    path: '/credentials/:id/reveals',
    summary: "Who read a credential's secret, when and why (the last 100, newest first)",
    tags: ['vault'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    response: z.object({ items: z.array(credentialRevealViewSchema) }),
    handler: async ({ params, principal }) => ({
      items: (await listReveals(prisma, principal, params.id)).map((r) => ({ revealedBy: r.revealedBy, role: r.role, reason: r.reason, revealedAt: r.revealedAt.toISOString() })),
    }),
  });
}
