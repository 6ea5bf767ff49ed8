import fc from 'fast-check';
import type { Operation } from '../openapi.js';
import { mutateAt, pathsOf } from './json-mutation.js';
import { oddAuthorizations } from './odd-tokens.js';
import { oddBytes, oddContentEncoding, oddContentTypes, oddExtraHeaders, oddJsonText, oddJsonValue, oddSegment, oddString } from './odd-values.js';

/** A request before it goes on the wire: each part can be perturbed on its own. */
export interface Draft {
  method: string;
  pathValues: string[];
  query: string[];
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

export type Perturbation = (draft: Draft) => Draft;

export const encodedQuery = (name: string, value: string) => `${encodeURIComponent(name)}=${value}`;

const withBody = (draft: Draft, body: string | Buffer | undefined): Draft => ({
  ...draft,
  body,
  headers: { ...draft.headers, 'content-type': draft.headers['content-type'] ?? 'application/json' },
});

/** One path parameter becomes an odd segment: traversal, bad percent-encoding, NUL, huge. */
export function oddPath(): fc.Arbitrary<Perturbation> {
  return fc.tuple(fc.nat(), oddSegment).map(([n, value]) => (d) => {
    const pathValues = [...d.pathValues];
    pathValues[n % Math.max(1, pathValues.length)] = value;
    return { ...d, pathValues };
  });
}

/** Ways to spell a query parameter: once, twice (an array to some parsers), bracketed. */
const querySpellings = [
  (name: string, value: string) => [encodedQuery(name, value)],
  (name: string, value: string) => [encodedQuery(name, value), encodedQuery(name, 'x')],
  (name: string, value: string) => [`${name}[]=${value}`],
];

/** One query parameter (known or not) becomes odd, repeated, or bracketed. */
export function oddQuery(operation: Operation): fc.Arbitrary<Perturbation> {
  const names = [...operation.queryParameters.map((p) => p.name), '__proto__[polluted]', 'constructor[prototype][polluted]'];
  return fc.tuple(fc.constantFrom(...names), oddSegment, fc.constantFrom(...querySpellings)).map(([name, value, spell]) => (d) => {
    const others = d.query.filter((pair) => !pair.startsWith(`${encodeURIComponent(name)}=`));
    return { ...d, query: [...others, ...spell(name, value)] };
  });
}

/** Another token: none, another role, a signed one with odd claims, or a forged or malformed one. */
export function oddAuthorization(validTokens: string[], oddSigned: string[]): fc.Arbitrary<Perturbation> {
  const valid = validTokens.map((token) => `Bearer ${token}`);
  return fc
    .oneof(
      { arbitrary: fc.constant(undefined), weight: 1 },
      { arbitrary: fc.constantFrom(...valid), weight: 2 },
      { arbitrary: fc.constantFrom(...oddSigned.map((token) => `Bearer ${token}`)), weight: 2 },
      { arbitrary: fc.constantFrom(...oddAuthorizations()), weight: 3 },
    )
    .map((authorization) => (d) => {
      const { authorization: _dropped, ...headers } = d.headers;
      return { ...d, headers: authorization === undefined ? headers : { ...headers, authorization } };
    });
}

/** A content type the body is not, or an encoding it does not have, or another odd header. */
export const oddHeaders: fc.Arbitrary<Perturbation> = fc.oneof(
  fc.constantFrom(...oddContentTypes).map((type) => (d: Draft) => ({ ...d, headers: { ...d.headers, 'content-type': type } })),
  oddContentEncoding.map((encoding) => (d: Draft) => ({ ...d, headers: { ...d.headers, 'content-encoding': encoding } })),
  oddExtraHeaders.map((extra) => (d: Draft) => ({ ...d, headers: { ...d.headers, ...extra } })),
);

/** One field of the valid body dropped, retyped or given an odd string, or an unknown field added. */
export function oddField(validBody: unknown): fc.Arbitrary<Perturbation> {
  const base = validBody ?? {};
  const fields = pathsOf(base).filter((path) => path.length > 0);
  const objects = pathsOf(base).filter((path) => {
    const node = path.reduce<unknown>((at, step) => (at as Record<string, unknown>)[step], base);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  const changed = fields.length === 0 ? [] : [
    fc.tuple(fc.constantFrom(...fields), fc.oneof(oddString, oddJsonValue)).map(([path, value]) => mutateAt(base, path, { with: value })),
    fc.constantFrom(...fields).map((path) => mutateAt(base, path)),
  ];
  const added = fc.tuple(fc.constantFrom(...objects), fc.string({ maxLength: 20 }), oddJsonValue).map(([path, key, value]) => mutateAt(base, [...path, key], { with: value }));
  return fc.oneof(...changed, added).map((body) => (d: Draft) => withBody(d, JSON.stringify(body)));
}

/** A whole body that is any JSON, not JSON, deeply nested, oversized, bytes, or missing. */
export const oddWholeBody: fc.Arbitrary<Perturbation> = fc.oneof(
  oddJsonValue.map((value) => (d: Draft) => withBody(d, JSON.stringify(value))),
  oddJsonText.map((text) => (d: Draft) => withBody(d, text)),
  oddBytes.map((bytes) => (d: Draft) => withBody(d, bytes)),
  fc.constant((d: Draft) => ({ ...d, body: undefined })),
);

export const otherMethod: fc.Arbitrary<Perturbation> = fc.constantFrom('HEAD', 'OPTIONS', 'PATCH', 'PUT', 'DELETE', 'GET').map((method) => (d: Draft) => ({ ...d, method }));

