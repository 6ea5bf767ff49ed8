import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenChanges, rowDigestsOf, snapshotTables, type Snapshot } from '../src/db-snapshot.js';
import { startIdentity } from '../src/identity/start.js';
import { leakedMarkers } from '../src/leaks.js';
import { operationsOf } from '../src/openapi.js';
import { planRequest } from '../src/plan-request.js';
import { sendJson } from '../src/send.js';
import { foreignCallers, type ServiceUnderTest } from '../src/service-under-test.js';
import { startSupport } from '../src/support/start.js';

// Every route of every service's OpenAPI document × a foreign customer, a foreign expert and an
// anonymous caller, aimed at the home tenant's records. The services are started and seeded
// before the cases are generated, because the cases come from the documents they serve.
const services: ServiceUnderTest[] = [await startSupport(), await startIdentity()];
const cases = services.map((service) => ({ service, operations: operationsOf(service.document) }));
const sizes = cases.map(({ service, operations }) => `${service.name} ${operations.length} routes × ${foreignCallers.length} callers`);
const total = cases.reduce((sum, { operations }) => sum + operations.length * foreignCallers.length, 0);
console.log(`tenancy matrix: ${sizes.join(' + ')} = ${total} requests`);

const statuses = new Map<string, string[]>();
afterAll(async () => {
  const rows = [...statuses].map(([route, codes]) => `  ${route.padEnd(70)} ${codes.join(' ')}`);
  console.log(['tenancy matrix, status per caller (foreign customer, foreign expert, anonymous):', ...rows].join('\n'));
  await Promise.all(services.map((service) => service.close()));
});

/** Refusals that reveal nothing, for routes that name no record of the home tenant. */
const refusals = [400, 401, 403, 404, 409];
const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What a caller learns from an answer: the status and error, or which records came back. */
function learnedFrom(res: { status: number; text: string; json: unknown }) {
  const error = (res.json as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (error) return { status: res.status, code: error.code, message: error.message };
  return { status: res.status, records: [...new Set(res.text.match(uuids))].sort() };
}

describe.each(cases)('$service.name: a record of another tenant is answered 404, exactly like a missing one', ({ service, operations }) => {
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

  describe.each(operations)('$label', (operation) => {
    it.each(foreignCallers)('as %s: no data of the home tenant comes back, nothing of it changes', async (caller) => {
      const planned = planRequest(operation, service.home);
      const token = caller === 'anonymous' ? undefined : service.foreignTokens[caller];
      const call = (path: string) => sendJson(service.baseUrl, planned.method, path, { ...(token ? { token } : {}), body: planned.body });

      const before = await snapshot();
      const res = await call(planned.path);
      const missing = planned.missingPath ? await call(planned.missingPath) : undefined;
      const after = await snapshot();

      const route = `${service.name} ${operation.label}`;
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
