import { randomUUID } from 'node:crypto';
import { sampleOf } from './json-sample.js';
import { collectionOf, type Operation, type ParameterObject } from './openapi.js';
import type { HomeTenant, SeededRecord } from './service-under-test.js';

/** A concrete request for an operation, aimed at the home tenant's records. */
export interface PlannedRequest {
  method: string;
  path: string;
  /** The same request aimed at records that do not exist; undefined when it names no home record. */
  missingPath: string | undefined;
  body: unknown;
  /** The seeded records the path names (query parameters only filter, they name no record). */
  pathRecords: SeededRecord[];
}

const lookup = (home: HomeTenant, collection: string, parameter: string) =>
  home.records[`${collection}.${parameter}`] ?? home.records[parameter];

/**
 * The seeded record a path parameter names: `collection.param` first (`questions.id` for
 * `/community/questions/{id}`), then `param`. A parameter nothing was seeded for fails the suite,
 * naming it: a new route is never skipped in silence, its author seeds a record for it.
 */
export function seededRecordFor(operation: Operation, parameter: string, home: HomeTenant): SeededRecord {
  const collection = collectionOf(operation.path, parameter);
  const record = lookup(home, collection, parameter);
  if (!record) {
    throw new Error(
      `${operation.label}: no seeded record for the path parameter "${parameter}" (looked for "${collection}.${parameter}" and "${parameter}"); ` +
        `seed one in the service's seed so the route is tested`,
    );
  }
  return record;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value of the same kind as the seeded one that no record has: an unknown id, not a malformed one. */
const missingValueLike = (record: SeededRecord) => (uuid.test(record.value) ? randomUUID() : `missing-${randomUUID().slice(0, 8)}`);

type Filled = { parameter: ParameterObject; record: SeededRecord | undefined; sample: string };

/**
 * Query parameters: those a seeded record exists for (`/queue?expertId=home-expert`,
 * `/queries?cursor=<home query>`) carry it, so a filter cannot reach into the home tenant;
 * the other required ones are sampled from their schemas; the other optional ones are left out.
 */
function queryParametersOf(operation: Operation, home: HomeTenant): Filled[] {
  const collection = operation.path.split('/').filter((s) => s && !s.startsWith('{')).at(-1) ?? '';
  return operation.queryParameters.flatMap((parameter) => {
    const record = lookup(home, collection, parameter.name);
    if (!record && !parameter.required) return [];
    return [{ parameter, record, sample: String(sampleOf(parameter.schema ?? {})) }];
  });
}

function queryString(filled: Filled[], missing: boolean): string {
  const pairs = filled.map(({ parameter, record, sample }) => {
    const value = record ? (missing && record.tenancy === 'home' ? missingValueLike(record) : record.value) : sample;
    return `${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}`;
  });
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

export function planRequest(operation: Operation, home: HomeTenant): PlannedRequest {
  const pathFilled = operation.pathParameters.map((parameter) => ({ parameter, record: seededRecordFor(operation, parameter.name, home) }));
  const queryFilled = queryParametersOf(operation, home);
  const fill = (missing: boolean) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const { record } = pathFilled.find((f) => f.parameter.name === name)!;
      return encodeURIComponent(missing && record.tenancy === 'home' ? missingValueLike(record) : record.value);
    }) + queryString(queryFilled, missing);
  const namesHome = [...pathFilled, ...queryFilled].some((f) => f.record?.tenancy === 'home');
  return {
    method: operation.method,
    path: fill(false),
    missingPath: namesHome ? fill(true) : undefined,
    body: operation.bodySchema ? sampleOf(operation.bodySchema) : undefined,
    pathRecords: pathFilled.map((f) => f.record),
  };
}
