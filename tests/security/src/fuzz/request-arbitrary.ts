import fc from 'fast-check';
import { sampleOf } from '../json-sample.js';
import type { Operation } from '../openapi.js';
import { seededRecordFor } from '../plan-request.js';
import type { RawRequest } from '../send.js';
import type { ServiceUnderTest } from '../service-under-test.js';
import { encodedQuery, oddAuthorization, oddField, oddHeaders, oddPath, oddQuery, oddWholeBody, otherMethod, type Draft } from './perturbations.js';

/** The request the route accepts, for a caller of the given role: seeded path, sampled query and body. */
function validDraft(operation: Operation, service: ServiceUnderTest, validBody: unknown, authorization: string | undefined): Draft {
  return {
    method: operation.method,
    pathValues: operation.pathParameters.map((p) => encodeURIComponent(seededRecordFor(operation, p.name, service.home).value)),
    query: operation.queryParameters.filter((p) => p.required).map((p) => encodedQuery(p.name, encodeURIComponent(String(sampleOf(p.schema ?? {}))))),
    headers: { ...(authorization ? { authorization } : {}), ...(validBody === undefined ? {} : { 'content-type': 'application/json' }) },
    body: validBody === undefined ? undefined : JSON.stringify(validBody),
  };
}

function render(operation: Operation, draft: Draft): RawRequest {
  let i = 0;
  const path = operation.path.replace(/\{\w+\}/g, () => draft.pathValues[i++] ?? '');
  return {
    method: draft.method,
    path: draft.query.length > 0 ? `${path}?${draft.query.join('&')}` : path,
    headers: draft.headers,
    ...(draft.body === undefined ? {} : { body: draft.body }),
  };
}

/**
 * A request the route accepts — with a valid token of a role it serves — with one thing made odd:
 * a path parameter, a query parameter, the token (`oddSigned`: tokens the service signed for odd
 * principals), a header, a body field, the whole body, or the method. One change at a time
 * reaches past validation far more often than many at once.
 */
export function requestFor(operation: Operation, service: ServiceUnderTest, oddSigned: string[], foreignTokens?: string[]): fc.Arbitrary<RawRequest> {
  // Public routes are called without a token; others with a token of each role they serve, or,
  // with `foreignTokens`, only as the foreign tenant's people (and anonymously).
  const allowed = Object.entries(service.roleTokens).filter(([role]) => operation.roles.includes(role));
  const own = operation.isPublic || allowed.length === 0 ? [undefined] : allowed.map(([, token]) => `Bearer ${token}`);
  const tokens = foreignTokens ? [undefined, ...foreignTokens.map((token) => `Bearer ${token}`)] : own;
  const valid = foreignTokens ?? Object.values(service.roleTokens);
  const validBody = operation.bodySchema ? sampleOf(operation.bodySchema) : undefined;
  // What the route reads gets struck more often: its path, its query, its body.
  const reads = (part: boolean) => (part ? 3 : 1);
  const perturbations = [
    { arbitrary: fc.constant((d: Draft) => d), weight: 1 },
    ...(operation.pathParameters.length > 0 ? [{ arbitrary: oddPath(), weight: reads(true) }] : []),
    { arbitrary: oddQuery(operation), weight: reads(operation.queryParameters.length > 0) },
    { arbitrary: oddAuthorization(valid, oddSigned), weight: 2 },
    { arbitrary: oddHeaders, weight: 2 },
    { arbitrary: oddField(validBody), weight: reads(validBody !== undefined) },
    { arbitrary: oddWholeBody, weight: reads(validBody !== undefined) },
    { arbitrary: otherMethod, weight: 1 },
  ];
  return fc
    .tuple(fc.constantFrom(...tokens), fc.oneof(...perturbations))
    .map(([authorization, perturb]) => render(operation, perturb(validDraft(operation, service, validBody, authorization))));
}
