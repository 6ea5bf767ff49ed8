import type { Express } from 'express';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import type { Logger } from '@guild/platform';
import { customer, expert, listenOnFreePort, tokenFor } from '@guild/testkit';
import { captureServerErrors } from './server-log.js';
import { readOpenApiDocument, seedCaller, type HomeTenant, type ServiceUnderTest } from './service-under-test.js';

/** The two tenants of a run: the home one whose records are probed, the foreign one probing. */
export interface Tenants {
  homeCustomerId: string;
  otherCustomerId: string;
  homeExpertId: string;
  otherExpertId: string;
}

const standardTenants: Tenants = { homeCustomerId: 'home-co', otherCustomerId: 'other-co', homeExpertId: 'home-expert', otherExpertId: 'other-expert' };

/** Tokens of each tenant's people, ops and the worker. */
export type SignedPeople = Record<'homeCustomer' | 'homeExpert' | 'otherCustomer' | 'otherExpert' | 'ops' | 'service', string>;

export interface SeededServiceOptions {
  /** The service, also its PostgreSQL schema. */
  name: string;
  /** Default: home-co and other-co, home-expert and other-expert, as every seed names them. */
  tenants?: Tenants;
  createApp(db: TestDatabase, logger: Logger): Express;
  /** Tells the home tenant's story through the service's API (and, where the service learns from events, its consumers). */
  seed(call: ReturnType<typeof seedCaller>, people: SignedPeople, db: TestDatabase): Promise<HomeTenant>;
  /** Secrets beyond the people's tokens that must never reach a log line. */
  secrets?: readonly string[];
}

/**
 * A service on a fresh database of its own, listening on a free loopback port (requests go through
 * Node's HTTP parser and express), with both tenants seeded: what both security suites probe.
 * A role the service does not serve still gets a token, to be refused on every route.
 */
export async function startSeededService(opts: SeededServiceOptions): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const log = captureServerErrors(opts.name);
  const { baseUrl, close: closeServer } = await listenOnFreePort(opts.createApp(db, log.logger));
  const document = await readOpenApiDocument(baseUrl);
  const { homeCustomerId, otherCustomerId, homeExpertId, otherExpertId } = opts.tenants ?? standardTenants;
  const people: SignedPeople = {
    homeCustomer: await tokenFor(customer(homeCustomerId)),
    homeExpert: await tokenFor(expert(homeExpertId)),
    otherCustomer: await tokenFor(customer(otherCustomerId)),
    otherExpert: await tokenFor(expert(otherExpertId)),
    ops: await tokenFor({ subject: 'ops-1', role: 'ops' }),
    service: await tokenFor({ subject: 'temporal-worker', role: 'service' }),
  };
  const home = await opts.seed(seedCaller(baseUrl), people, db);
  return {
    name: opts.name,
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: [opts.name, 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': people.otherExpert },
    roleTokens: { customer: people.homeCustomer, expert: people.homeExpert, ops: people.ops, service: people.service },
    sign: tokenFor,
    lastServerError: log.lastError,
    logLines: log.lines,
    secrets: () => [...Object.values(people), ...(opts.secrets ?? [])],
    async close() {
      await closeServer();
      await db.drop();
    },
  };
}
