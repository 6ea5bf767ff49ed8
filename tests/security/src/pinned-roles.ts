import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pinsDir = fileURLToPath(new URL('../pinned-roles/', import.meta.url));

/**
 * The roles each route of a service serves, as reviewed: `{ "GET /queries/{id}": ["customer", "expert", "ops"] }`,
 * `["public"]` for a route without a token. A service without a pin file has every route unpinned.
 */
export function pinnedRolesOf(service: string): Record<string, string[]> {
  const file = `${pinsDir}${service}.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>) : {};
}
