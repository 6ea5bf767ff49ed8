import { randomUUID } from 'node:crypto';
import type { JsonSchema } from './openapi.js';

/**
 * Realistic values for schemas a minimal sample cannot satisfy (refinements and patterns that
 * JSON Schema does not carry), keyed by the shape of the schema — its sorted property names —
 * never by route, so every route that takes the same shape gets it.
 */
const samplesByShape: Record<string, unknown> = {
  // A business-hours calendar: the time zone must be an IANA name and one day must have hours.
  'holidays,timeZone,weeklyHours': { timeZone: 'Europe/Warsaw', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } },
  'end,start': { start: '09:00', end: '17:00' },
  // A task's change names at least one of its optional fields; a release step records a note or a link.
  'estimateMinutes,milestoneId,status': { estimateMinutes: 60 },
  'link,note,step': { step: 'staging', note: 'Deployed to staging, smoke tests green.' },
  // A deposit plan names its deposit; a billing period is `YYYY-MM` and starts before it ends.
  'cadence,depositCents,overageApprovalCents,plan': { plan: 'deposit', depositCents: 30_000 },
  // An hourly offer names its rate (a fixed one its price, never both).
  'isEstimate,kind,notes,priceCents,rateCents,schedule,scope': { kind: 'hourly', rateCents: 4_500, isEstimate: false, scope: 'Mapping and migration.', schedule: 'Two weeks.' },
  // A sales meeting lasts 30 to 60 minutes.
  'minutes,startsAt': { startsAt: '2026-12-01T10:00:00Z', minutes: 45 },
  // A Stripe connected account id is `acct_…`.
  'kind,stripeAccountId': { kind: 'stripe_connect', stripeAccountId: 'acct_sample1' },
  'period,periodEnd,periodStart': { period: '2026-01', periodStart: '2026-01-01T00:00:00.000Z', periodEnd: '2026-02-01T00:00:00.000Z' },
};

/**
 * Formats a string property's name implies where its schema cannot say: a zod pipe such as
 * `z.string().trim().pipe(z.email())` documents only its input side, a bare string.
 */
const formatsByPropertyName: [RegExp, string][] = [[/email$/i, 'email']];

const filler = 'sample';
let sequence = 0;
// Date-times come out one minute apart, in order, so a generated range is never backwards.
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);

const shapeOf = (schema: JsonSchema) => Object.keys((schema['properties'] ?? {}) as object).sort().join(',');

function resolveRef(ref: string, roots: JsonSchema[]): JsonSchema {
  const pointer = ref.replace(/^#\//, '').split('/').map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (const root of roots) {
    let node: unknown = root;
    for (const part of pointer) node = node && typeof node === 'object' ? (node as JsonSchema)[part] : undefined;
    if (node && typeof node === 'object') return node as JsonSchema;
  }
  throw new Error(`cannot resolve ${ref}`);
}

function sampleString(schema: JsonSchema): string {
  switch (schema['format']) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `sample-${++sequence}@example.com`;
    case 'date-time':
      return new Date((clock += 60_000)).toISOString();
    case 'date':
      return '2026-01-05';
    case 'uri':
    case 'url':
      return 'https://example.com/';
  }
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 1;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  const length = Math.max(min, Math.min(max, filler.length));
  return filler.repeat(Math.ceil(length / filler.length)).slice(0, length);
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let value = 1;
  if (typeof schema['minimum'] === 'number') value = schema['minimum'];
  if (typeof schema['exclusiveMinimum'] === 'number') value = schema['exclusiveMinimum'] + step;
  if (typeof schema['maximum'] === 'number') value = Math.min(value, schema['maximum']);
  if (typeof schema['exclusiveMaximum'] === 'number') value = Math.min(value, schema['exclusiveMaximum'] - step);
  return integer ? Math.ceil(value) : value;
}

function withImpliedFormat(property: string, schema: JsonSchema): JsonSchema {
  if (schema['type'] !== 'string' || schema['format'] !== undefined) return schema;
  const format = formatsByPropertyName.find(([name]) => name.test(property))?.[1];
  return format ? { ...schema, format } : schema;
}

const typeOf = (schema: JsonSchema): string | undefined => {
  const type = schema['type'];
  if (Array.isArray(type)) return (type as string[]).find((t) => t !== 'null') ?? 'null';
  if (typeof type === 'string') return type;
  return schema['properties'] ? 'object' : undefined;
};

/**
 * A small value the schema accepts: required properties only, the first enum value or union
 * branch that is not null, strings of the least allowed length, numbers at the lower bound, and
 * uuid / email / date-time / date formats. Anything else falls back to a string.
 */
export function sampleOf(schema: JsonSchema, roots: JsonSchema[] = [schema]): unknown {
  if (typeof schema['$ref'] === 'string') return sampleOf(resolveRef(schema['$ref'], roots), roots);
  const shaped = samplesByShape[shapeOf(schema)];
  if (shaped !== undefined) return structuredClone(shaped);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  const branches = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (branches) return sampleOf(branches.find((b) => b['type'] !== 'null') ?? branches[0]!, roots);
  if (Array.isArray(schema['allOf'])) {
    return Object.assign({}, ...(schema['allOf'] as JsonSchema[]).map((part) => sampleOf(part, roots)));
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = (schema['required'] ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, sampleOf(withImpliedFormat(name, properties[name] ?? {}), roots)]));
    }
    case 'array': {
      const count = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
      return Array.from({ length: count }, () => sampleOf((schema['items'] ?? {}) as JsonSchema, roots));
    }
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return sampleString(schema);
  }
}
