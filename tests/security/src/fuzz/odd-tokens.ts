import { createHmac } from 'node:crypto';
import type { Principal } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';

const part = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT put together by hand, so its header, claims and signature can be anything. */
function craftToken(header: unknown, claims: unknown, secret?: string): string {
  const signed = `${part(header)}.${part(claims)}`;
  return `${signed}.${secret ? createHmac('sha256', secret).update(signed).digest('base64url') : ''}`;
}

const now = () => Math.floor(Date.now() / 1000);
const hs256 = { alg: 'HS256', typ: 'JWT' };
const customer = { sub: 'user-home-co', role: 'customer', customerId: 'home-co', iss: 'guild' };

/**
 * Authorization headers no caller should get past: forged, expired, malformed and oversized
 * tokens, and well-signed ones whose claims do not name a valid principal.
 */
export function oddAuthorizations(): string[] {
  const fresh = { iat: now(), exp: now() + 3600 };
  return [
    `Bearer ${craftToken({ alg: 'none', typ: 'JWT' }, { ...customer, ...fresh })}`,
    `Bearer ${craftToken({ alg: 'none' }, { ...customer, role: 'ops', ...fresh })}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh }, 'not-the-secret')}`,
    `Bearer ${craftToken(hs256, { ...customer, iat: now() - 7200, exp: now() - 3600 }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh, nbf: now() + 3600 }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh, iss: 'someone-else' }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh, role: 'admin' }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh, sub: '' }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, { ...customer, ...fresh, customerId: ['home-co'] }, testJwtSecret)}`,
    `Bearer ${craftToken(hs256, '["not", "an", "object"]', testJwtSecret)}`,
    `Bearer ${craftToken({ alg: 'EdDSA', kid: '../../etc/passwd' }, { ...customer, ...fresh }, 'x')}`,
    `Bearer ${craftToken({ alg: 'RS256', kid: 'x'.repeat(500) }, { ...customer, ...fresh }, 'x')}`,
    `Bearer ${craftToken({ alg: 'HS256', crit: ['exp'] }, { ...customer, ...fresh }, testJwtSecret)}`,
    'Bearer a.b.c',
    'Bearer ...',
    'Bearer',
    'Bearer  ',
    'bearer\tx',
    'Basic dXNlcjpwYXNzd29yZA==',
    `Bearer ${'a'.repeat(8_000)}`,
    `Bearer ${'eyJ'.repeat(2_000)}.${'eyJ'.repeat(2_000)}.x`,
    '',
  ];
}

/**
 * Principals that pass the token check but are odd to the routes: a customer with no customer
 * id, an expert with no expert id, an ops member who also names a customer and an expert.
 */
export const oddPrincipals: Principal[] = [
  { subject: 'user-x', role: 'customer' },
  { subject: 'user-x', role: 'expert' },
  { subject: 'ops-x', role: 'ops', customerId: 'home-co', expertId: 'home-expert' },
];
