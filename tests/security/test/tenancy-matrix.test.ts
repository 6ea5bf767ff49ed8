import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenChanges, rowDigestsOf, snapshotTables, type Snapshot } from '../src/db-snapshot.js';
import { leakedMarkers } from '../src/leaks.js';
import { operationsOf } from '../src/openapi.js';
import { pinnedRolesOf } from '../src/pinned-roles.js';
import { planRequest } from '../src/plan-request.js';
import { sendJson } from '../src/send.js';
import { foreignCallers, homeInState, type ServiceUnderTest } from '../src/service-under-test.js';
import { startServicesUnderTest } from '../src/services.js';

// Every route of every service's OpenAPI document × a foreign customer, a foreign expert and an
// anonymous caller, aimed at the home tenant's records. The services are started and seeded
// before the cases are generated, because the cases come from the documents they serve.
const services: ServiceUnderTest[] = await startServicesUnderTest();
const cases = services.map((service) => ({ service, operations: operationsOf(service.document), targets: targetsOf(service) }));
const sizes = cases.map(({ service, targets }) => `${service.name} ${targets.length} routes and record states × ${foreignCallers.length} callers`);
const total = cases.reduce((sum, { targets }) => sum + targets.length * foreignCallers.length, 0);
console.log(`tenancy matrix: ${sizes.join(' + ')} = ${total} requests`);

const statuses = new Map<string, string[]>();
afterAll(async () => {
  const rows = [...statuses].map(([route, codes]) => `  ${route.padEnd(70)} ${codes.join(' ')}`);
  console.log(['tenancy matrix, status per caller (foreign customer, foreign expert, anonymous):', ...rows].join('\n'));
  await Promise.all(services.map((service) => service.close()));
});

/**
 * Each route once, and again for each other state of the home records it names (a resolved query,
 * one in research): the foreign caller must get the same 404 whatever state the record is in.
 */
function targetsOf(service: ServiceUnderTest) {
  const { home } = service;
  return operationsOf(service.document).flatMap((operation) => {
    const asSeeded = planRequest(operation, home).path;
    const states = Object.keys(home.states ?? {}).filter((state) => planRequest(operation, homeInState(home, state)).path !== asSeeded);
    if (states.length === 0) return [{ label: operation.label, operation, home }];
    const inEach = [{ state: home.defaultState ?? 'as seeded', home }, ...states.map((state) => ({ state, home: homeInState(home, state) }))];
    return inEach.map((target) => ({ label: `${operation.label} (home record ${target.state})`, operation, home: target.home }));
  });
}

/** Refusals that reveal nothing, for routes that name no record of the home tenant. */
const refusals = [400, 401, 403, 404, 409, 415];
const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What a caller learns from an answer: the status and error, or which records came back. */
function learnedFrom(res: { status: number; text: string; json: unknown }) {
  const error = (res.json as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (error) return { status: res.status, code: error.code, message: error.message };
  return { status: res.status, records: [...new Set(res.text.match(uuids))].sort() };
}

describe.each(cases)('$service.name: a record of another tenant is answered 404, exactly like a missing one', ({ service, targets }) => {
  const snapshot = () => snapshotTables(service.prisma, service.schemas, service.home.markers);
  let seeded: Snapshot;
  let seededRows: Set<string>;
  beforeAll(async () => {
    seeded = await snapshot();
    seededRows = rowDigestsOf(seeded);
  });

  it("the snapshot tells the home tenant's rows apart, so a change to them cannot go unseen", () => {
    const tables = [...seeded.values()];
    const homeRows = tables.reduce((sum, table) => sum + table.homeRows, 0);
    expect(homeRows).toBeGreaterThan(0);
    expect(homeRows).toBeLessThan(tables.reduce((sum, table) => sum + table.rows, 0));
  });

  describe.each(targets)('$label', ({ label, operation, home }) => {
    it.each(foreignCallers)('as %s: no data of the home tenant comes back, nothing of it changes', async (caller) => {
      const planned = planRequest(operation, home);
      const token = caller === 'anonymous' ? undefined : service.foreignTokens[caller];
      const call = (path: string) => sendJson(service.baseUrl, planned.method, path, { ...(token ? { token } : {}), body: planned.body });

      const before = await snapshot();
      const res = await call(planned.path);
      const missing = planned.missingPath ? await call(planned.missingPath) : undefined;
      const after = await snapshot();

      const route = `${service.name} ${label}`;
      statuses.set(route, [...(statuses.get(route) ?? []), String(res.status)]);
      const shared = planned.pathRecords.flatMap((record) => (record.tenancy === 'shared' ? [`shared by design: ${record.why}`] : []));
      const exchange = [
        `${planned.method} ${planned.path} as ${caller}${planned.body === undefined ? '' : ` with ${JSON.stringify(planned.body)}`}`,
        `→ ${res.status} ${res.text.slice(0, 500)}`,
        ...(missing ? [`the same for a missing record: ${planned.missingPath} → ${missing.status} ${missing.text.slice(0, 500)}`] : []),
        ...shared,
      ].join('\n');

      for (const answer of [res, missing ?? res]) expect(answer.status, `${exchange}\nserver log: ${service.lastServerError() ?? '-'}`).toBeLessThan(500);
      expect(learnedFrom(res), `the generated request was refused as invalid; fix the sample:\n${exchange}`).not.toMatchObject({ code: 'invalid_request' });
      if (planned.pathRecords.some((record) => record.tenancy === 'home')) expect([401, 403, 404], exchange).toContain(res.status);
      else if (res.status >= 300) expect(refusals, exchange).toContain(res.status);
      if (missing) expect(learnedFrom(missing), `answered unlike a missing record:\n${exchange}`).toEqual(learnedFrom(res));
      expect(leakedMarkers(res.text, service.home.markers), exchange).toEqual([]);
      expect(forbiddenChanges(before, after, seededRows), exchange).toEqual([]);
    });
  });
});

// A role added to a route by mistake, or a new route, fails here until the pin says so: the pin is
// what a reviewer reads. The service must also refuse every other role with 403, as it documents.
describe.each(cases)('$service.name: each route serves exactly its pinned roles', ({ service, operations }) => {
  const pinned = pinnedRolesOf(service.name);
  it(`the document lists the roles pinned in tests/security/pinned-roles/${service.name}.json`, () => {
    const documented = Object.fromEntries(operations.map((o) => [o.label, o.isPublic ? ['public'] : o.roles]));
    // A new service: write its pin from this diff's received side, after checking each route's roles.
    expect(documented, `pin the roles in tests/security/pinned-roles/${service.name}.json`).toEqual(pinned);
  });

  const guarded = operations.filter((o) => !o.isPublic);
  it.each(guarded.map((o) => [o.label, o] as const))('%s: every role it does not serve gets 403', async (_, operation) => {
    const planned = planRequest(operation, service.home);
    const others = Object.entries(service.roleTokens).filter(([role]) => !(pinned[operation.label] ?? []).includes(role));
    for (const [role, token] of others) {
      const res = await sendJson(service.baseUrl, planned.method, planned.path, { token, body: planned.body });
      expect(res.status, `${planned.method} ${planned.path} as ${role} → ${res.text.slice(0, 300)}`).toBe(403);
    }
  });
});

// The refusals above mean something only if the home tenant's own people get the records they name.
describe.each(cases)("$service.name: the home tenant's own callers read its records", ({ service, targets }) => {
  const reads = targets.filter(({ operation, home }) => operation.method === 'GET' && !operation.isPublic && planRequest(operation, home).missingPath);
  it.each(reads.map((t) => [t.label, t] as const))('%s: 200 for each role it serves', async (_, { operation, home }) => {
    const planned = planRequest(operation, home);
    const callers = operation.roles.flatMap((role) => (service.roleTokens[role as keyof typeof service.roleTokens] ? [role] : []));
    expect(callers.length, `no home token for the roles ${operation.roles.join(', ')}`).toBeGreaterThan(0);
    for (const role of callers) {
      const res = await sendJson(service.baseUrl, planned.method, planned.path, { token: service.roleTokens[role as keyof typeof service.roleTokens]! });
      expect(res.status, `${planned.method} ${planned.path} as the home ${role} → ${res.text.slice(0, 300)}`).toBe(200);
    }
  });
});

// Runs after every request of the matrix: the services logged at the most verbose level throughout.
describe('the logs of the whole run', () => {
  it.each(services.map((service) => ({ service })))('$service.name logged no password or token it was given', ({ service }) => {
    const secrets = service.secrets();
    expect(secrets.length).toBeGreaterThan(0);
    const lines = service.logLines();
    expect(lines.length).toBeGreaterThan(0);
    const leaks = secrets.filter((secret) => lines.some((line) => line.includes(secret)));
    expect(leaks.map((secret) => `${secret.slice(0, 6)}…`)).toEqual([]);
  });
});
