import { randomUUID } from 'node:crypto';
import { signToken, type Principal } from '@guild/platform';

/** Dev tokens (HS256 with the stack's JWT_SECRET), as `npm run token` makes them. */
export async function tokenFor(jwtSecret: string, principal: Principal): Promise<string> {
  return signToken(jwtSecret, principal, { expiresIn: '2h' });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function newCustomer(): Principal & { customerId: string } {
  const customerId = randomUUID();
  return { subject: `bench-customer-${customerId.slice(0, 8)}`, role: 'customer', customerId };
}

export const benchOps: Principal = { subject: 'bench-ops', role: 'ops' };
export const benchExpert = (expertId: string): Principal & { expertId: string } => ({ subject: `bench-expert-${expertId}`, role: 'expert', expertId });

/** A JSON request to one of the stack's services; throws on a transport error only. */
export async function call(url: string, token: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
