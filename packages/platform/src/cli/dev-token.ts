import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { roles, type Principal, type Role } from '../auth.js';

export const usage =
  'usage: guild-token --role customer|expert|ops|service [--customer-id ID] [--expert-id ID] [--subject S] [--ttl 1h]';

/** Reads the command line into the principal to sign for; throws with a message for the user. */
export function parseTokenArgs(argv: string[]): { principal: Principal; ttl: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      'customer-id': { type: 'string' },
      'expert-id': { type: 'string' },
      subject: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
    },
    strict: true,
  });
  const role = values.role as Role | undefined;
  if (!role || !(roles as readonly string[]).includes(role)) throw new Error(`--role must be one of ${roles.join(', ')}`);
  const customerId = values['customer-id'];
  const expertId = values['expert-id'];
  // Such tokens would pass authentication and then see nothing: better to refuse them here.
  if (role === 'customer' && !customerId) throw new Error('a customer token needs --customer-id');
  if (role === 'expert' && !expertId) throw new Error('an expert token needs --expert-id');
  const principal: Principal = {
    subject: values.subject ?? `dev-${role}-${customerId ?? expertId ?? 'user'}`,
    role,
    ...(customerId ? { customerId } : {}),
    ...(expertId ? { expertId } : {}),
  };
  return { principal, ttl: values.ttl };
}

/** The monorepo root: the nearest directory above `from` whose package.json declares workspaces. */
export function findRepoRoot(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { workspaces } = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (workspaces) return dir;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** JWT_SECRET if set, else the secret `npm start` generated into `.data/secrets/jwt-secret`. */
export function readJwtSecret(env: Record<string, string | undefined>, searchFrom: string[]): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  for (const start of searchFrom) {
    const root = findRepoRoot(start);
    const file = root && path.join(root, '.data', 'secrets', 'jwt-secret');
    if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  }
  throw new Error('JWT_SECRET is not set and no .data/secrets/jwt-secret was found (run `npm start` once)');
}
