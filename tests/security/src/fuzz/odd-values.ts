import fc from 'fast-check';

/** Path segments, already as they go on the wire: traversal, bad and odd percent-encoding, sizes. */
const oddSegments = [
  '..',
  '.',
  '%2e%2e',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  'a%00b',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AF',
  '%F0%9F%92%A9',
  '%E2%80%AE',
  '%EF%BB%BF',
  'a%2Fb',
  '%20',
  '-1',
  '1e309',
  'NaN',
  'null',
  '__proto__',
  'constructor',
  'x'.repeat(300),
  'a'.repeat(20_000),
];

export const oddSegment = fc.oneof(
  { arbitrary: fc.constantFrom(...oddSegments), weight: 3 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent), weight: 1 },
  { arbitrary: fc.fullUnicodeString({ maxLength: 20 }).map(encodeURIComponent), weight: 1 },
);

/** Strings a text column or a validator may choke on: control and invisible characters, sizes, scripts. */
export const oddString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u0007\u001b[31m', '\uFEFF', '\u202Eevil', '🙂', 'Ω≈ç√∫', 'x'.repeat(30_000), '${7*7}{{7*7}}', "' OR 1=1 --"),
  fc.fullUnicodeString({ maxLength: 50 }),
);

/** Values to put where a body field, or the whole body, is expected. */
export const oddJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, 1e308, -1e308, [], {}, [null]),
  oddString,
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 50, max: 2_000 }).map((depth) => nested(depth)),
);

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Bodies that are not JSON at all, or JSON that parsers and prototypes trip on. */
export const oddJsonText = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    'nul',
    '{"a":1,}',
    "{'a':1}",
    '\u0000',
    '[1,2',
    '"just a string"',
    '12',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"a":1,"a":2}',
    '\uFEFF{}',
    '{"x":"\\ud800"}',
    '{"x":1e999999}',
  ),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 100, max: 40_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 100, max: 15_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.constant(JSON.stringify({ big: 'x'.repeat(200_000) })),
);

export const oddBytes = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes));

export const oddContentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nonsense',
  'application/vnd.api+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'image/png',
  '*/*',
  'json',
  ';;;',
];

/** A content encoding the body does not have, or one nobody supports. */
export const oddContentEncoding = fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nonsense', 'gzip, gzip');

/** Other headers a client can send: request ids, forwarding, what it accepts. */
export const oddExtraHeaders = fc.oneof(
  fc.record({ 'x-request-id': fc.oneof(fc.string({ maxLength: 300 }), fc.constant('a'.repeat(5_000))) }),
  fc.record({ 'x-forwarded-for': fc.constantFrom('not-an-ip', '127.0.0.1, 10.0.0.1', '::1') }),
  fc.record({ accept: fc.constantFrom('text/html', 'application/xml', '*/*;q=0', '') }),
  fc.record({ expect: fc.constant('100-continue') }),
);
