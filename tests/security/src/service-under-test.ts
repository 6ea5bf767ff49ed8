import type { PrismaClient } from '@guild/db';
import type { Principal, Role } from '@guild/platform';
import type { OpenApiDocument } from './openapi.js';
import { sendJson } from './send.js';

/**
 * A record a path parameter can name. `home` records belong to the home tenant: a foreign caller
 * gets exactly the 404 of a missing record. `shared` ones belong to no customer by design (the
 * expert community, the ops quick sheet); `why` says so in the test output.
 */
export type SeededRecord = { value: string; tenancy: 'home' } | { value: string; tenancy: 'shared'; why: string };

export interface HomeTenant {
  /**
   * Seeded records by path parameter: `collection.param` (`questions.id` in
   * `/community/questions/{id}`) wins over the bare `param` (`customerId`).
   */
  records: Record<string, SeededRecord>;
  /** Strings only the home tenant's data contains: ids, customer id, subjects, bodies, emails. */
  markers: string[];
  /**
   * The home tenant's records in other states than `records` holds (`resolved: { 'queries.id': … }`):
   * every route naming such a record is aimed at it in each state too, since a status check that
   * runs before the tenancy check would answer a foreign caller differently.
   */
  states?: Record<string, Record<string, SeededRecord>>;
  /** What state `records` are in, as the matrix names it (`open`). */
  defaultState?: string;
}

/** The home tenant with the records of `state` in place of the default ones. */
export function homeInState(home: HomeTenant, state: string | undefined): HomeTenant {
  const overrides = state ? home.states?.[state] : undefined;
  return overrides ? { ...home, records: { ...home.records, ...overrides } } : home;
}

export type ForeignCaller = 'foreign customer' | 'foreign expert' | 'anonymous';
export const foreignCallers: readonly ForeignCaller[] = ['foreign customer', 'foreign expert', 'anonymous'];

export interface ServiceUnderTest {
  name: string;
  baseUrl: string;
  document: OpenApiDocument;
  prisma: PrismaClient;
  /** The PostgreSQL schemas the service writes to. */
  schemas: string[];
  home: HomeTenant;
  /** Bearer tokens of the foreign tenant's people; anonymous sends none. */
  foreignTokens: Record<Exclude<ForeignCaller, 'anonymous'>, string>;
  /** A valid token of each role the service knows, for the fuzzer. */
  roleTokens: Partial<Record<Role, string>>;
  /** Signs a token the service accepts for any principal, odd ones included. */
  sign(principal: Principal): Promise<string>;
  /** The newest error the service logged: the cause of a 500, for the failure message. */
  lastServerError(): string | undefined;
  /** Every line the service logged during the run. */
  logLines(): readonly string[];
  /** Secrets the run used (passwords, tokens): none may ever appear in a log line. */
  secrets(): string[];
  close(): Promise<void>;
}

/** Listens on a free loopback port, so requests go through Node's HTTP parser and express. */
export async function readOpenApiDocument(baseUrl: string): Promise<OpenApiDocument> {
  const res = await sendJson(baseUrl, 'GET', '/openapi.json');
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  return res.json as OpenApiDocument;
}

/** A seeding call that must succeed: the story of the home tenant is the arrange step of every test. */
export function seedCaller(baseUrl: string) {
  return async <T = Record<string, unknown>>(token: string | undefined, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await sendJson(baseUrl, method, path, { ...(token ? { token } : {}), body });
    if (res.status >= 300) throw new Error(`seeding ${method} ${path} answered ${res.status}: ${res.text}`);
    return res.json as T;
  };
}
