import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from './identity-app.js';

let identity: IdentityApp;

beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

describe('the OpenAPI document', () => {
  it('lists every route with who may call it', async () => {
    const { body } = await identity.http.get('/openapi.json');
    const operations = Object.entries(body.paths as Record<string, Record<string, { description: string }>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} — ${op.description.split('\n').at(-1)}`),
    );
    expect(operations.sort()).toEqual([
      'GET /.well-known/jwks.json — Access: public (no token needed).',
      'GET /companies/{companyId}/members — Roles: customer, ops.',
      'GET /mail/undelivered — Roles: ops.',
      'GET /me — Roles: customer, expert, ops.',
      'POST /auth/password-reset — Access: public (no token needed).',
      'POST /auth/password-reset/confirm — Access: public (no token needed).',
      'POST /auth/refresh — Access: public (no token needed).',
      'POST /auth/service-token — Access: public (no token needed).',
      'POST /auth/sign-in — Access: public (no token needed).',
      'POST /auth/sign-out — Access: public (no token needed).',
      'POST /companies — Roles: ops, service.',
      'POST /companies/{companyId}/invitations — Roles: customer, ops.',
      'POST /experts — Roles: ops.',
      'POST /invitations/accept — Access: public (no token needed).',
      'POST /ops-users — Roles: ops.',
      'POST /outbox/retention — Roles: service.',
      'POST /people/mail-addresses — Roles: service.',
    ]);
  });
});
