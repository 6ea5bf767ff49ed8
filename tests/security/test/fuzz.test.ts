import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { oddPrincipals } from '../src/fuzz/odd-tokens.js';
import { requestFor } from '../src/fuzz/request-arbitrary.js';
import { forbiddenChanges, snapshotTables } from '../src/db-snapshot.js';
import { operationsOf } from '../src/openapi.js';
import { send, type RawRequest } from '../src/send.js';
import type { ServiceUnderTest } from '../src/service-under-test.js';
import { startServicesUnderTest } from '../src/services.js';

// A fixed seed and a few cases per route in CI; FUZZ_SEED and FUZZ_RUNS turn it up locally,
// e.g. `FUZZ_RUNS=2000 npx vitest run test/fuzz.test.ts`.
const seed = Number(process.env.FUZZ_SEED ?? 20261123);
const numRuns = Number(process.env.FUZZ_RUNS ?? 20);
// Hangs are caught per request (5 s each); a route's whole run may take longer with more cases.
const routeTimeoutMs = 30_000 + numRuns * 200;

const services: ServiceUnderTest[] = await startServicesUnderTest();
afterAll(() => Promise.all(services.map((service) => service.close())));

const cases = await Promise.all(
  services.map(async (service) => ({
    service,
    operations: operationsOf(service.document),
    oddSigned: await Promise.all(oddPrincipals.map((principal) => service.sign(principal))),
  })),
);
console.log(`fuzzing ${cases.map((c) => `${c.service.name} ${c.operations.length} routes`).join(' + ')} × ${numRuns} runs, seed ${seed}`);

const shown = (request: RawRequest) =>
  JSON.stringify({ ...request, body: Buffer.isBuffer(request.body) ? `<bytes ${request.body.toString('hex')}>` : request.body?.slice(0, 300) });

/** Each route draws its own cases from the seed: routes of the same shape must not get the same ones. */
const seedFor = (route: string) => [...route].reduce((hash, c) => Math.imul(hash ^ c.charCodeAt(0), 16_777_619), seed) | 0;

describe.each(cases)('$service.name: generated and mutated requests never get a 5xx nor hang it', ({ service, operations, oddSigned }) => {
  it.each(operations.map((operation) => [operation.label, operation] as const))('%s', async (label, operation) => {
    const answersBelow500 = fc.asyncProperty(requestFor(operation, service, oddSigned), async (request) => {
      const res = await send(service.baseUrl, request);
      if (res.status >= 500) {
        throw new Error(`${shown(request)}\n→ ${res.status} ${res.text.slice(0, 300)}\nserver log: ${service.lastServerError() ?? '-'}`);
      }
    });
    // fc.assert's error carries the route's seed, the path to replay and the counterexample.
    try {
      await fc.assert(answersBelow500, { seed: seedFor(`${service.name} ${label}`), numRuns });
    } catch (error) {
      (error as Error).message = `FUZZ_SEED=${seed} FUZZ_RUNS=${numRuns} reproduces this (${service.name} ${label})\n${(error as Error).message}`;
      throw error;
    }
  }, routeTimeoutMs);

  it('the process stays up: /healthz still answers 200', async () => {
    expect((await send(service.baseUrl, { method: 'GET', path: '/healthz' })).status).toBe(200);
  });
});

// The foreign tenant's people (and anonymous callers, and odd tokens of no tenant) fuzzing every
// route, aimed at the home tenant's records: when they are done, the home tenant's rows are
// exactly as before. Ops are staff, not a tenant, so the odd ops principal is left out.
const foreignRuns = Math.max(3, Math.ceil(numRuns / 4));
describe.each(cases)('$service.name: a run of foreign fuzz changes nothing of the home tenant', ({ service, operations }) => {
  it("the home tenant's rows are as before", async () => {
    const snapshot = () => snapshotTables(service.prisma, service.schemas, service.home.markers);
    const before = await snapshot();
    expect([...before.values()].reduce((sum, table) => sum + table.homeRows, 0)).toBeGreaterThan(0);
    const foreign = Object.values(service.foreignTokens);
    const oddForeign = await Promise.all(oddPrincipals.filter((p) => p.role !== 'ops').map((principal) => service.sign(principal)));
    let sent = 0;
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation, service, oddForeign, foreign), async (request) => {
          const res = await send(service.baseUrl, request);
          sent++;
          if (res.status >= 500) throw new Error(`${shown(request)}\n→ ${res.status} ${res.text.slice(0, 300)}`);
        }),
        { seed: seedFor(`foreign ${service.name} ${operation.label}`), numRuns: foreignRuns },
      );
    }
    expect(sent).toBe(operations.length * foreignRuns);
    // Only the home rows are compared: the foreign tenant may change its own (a new query, a session).
    expect(forbiddenChanges(before, await snapshot(), new Set())).toEqual([]);
  }, 60_000 + numRuns * 1_000);
});
