import { readFile } from 'node:fs/promises';

// `node --import tsx bench/ab/profile-by-middleware.ts <file.cpuprofile> [requests]`: a `--cpu-prof`
// profile's busy time by where a request spends it — each platform middleware and step, and the
// libraries they call. Every sample counts once, for the innermost part named below on its stack;
// Node's own frames (setHeader, streams) count for the part that called them. With `requests`
// (answered while profiling) it prints µs per request. Samples are taken on a wall clock, so a
// process preempted inside a write counts as busy there: compare parts and runs, and take CPU
// per request from bench/ab/read-query.ts.
interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

// Innermost match wins, so a library called from a middleware counts for the library.
const parts: [string, (frame: Node['callFrame']) => boolean][] = [
  ['pg driver', ({ url }) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(url)],
  ['prisma', ({ url }) => /node_modules\/(@prisma|\.prisma)\//.test(url)],
  ['pino (log lines)', ({ url }) => /node_modules\/(pino|sonic-boom|@pinojs)/.test(url)],
  ['prom-client', ({ url }) => url.includes('node_modules/prom-client/')],
  ['zod', ({ url }) => url.includes('node_modules/zod/')],
  ['jose', ({ url }) => url.includes('node_modules/jose/')],
  ['express, router, body-parser', ({ url }) => /node_modules\/(express|router|body-parser|finalhandler|send|on-finished|type-is|content-type|raw-body|qs|parseurl|path-to-regexp|accepts|negotiator|mime-types|etag|fresh|vary|statuses|http-errors|depd|cookie|proxy-addr|forwarded|range-parser)\//.test(url)],
  ['ops audit (group commit)', ({ url }) => url.includes('group-commit') || url.includes('service-app-deps')],
  ['support read (read-query-view)', ({ url }) => url.includes('read-query-view')],
  ['route: mount-route (auth, validate, handler, response)', ({ url }) => url.includes('/http/mount-route')],
  ['authenticate + token cache', ({ url }) => /\/http\/(authenticate|token-cache)/.test(url)],
  ['validate-request', ({ url }) => url.includes('/http/validate-request')],
  ['request log', ({ url }) => url.includes('/http/request-log') || url.includes('/http/request-id')],
  ['metrics', ({ url }) => url.includes('/http/metrics')],
  ['security headers', ({ url }) => url.includes('/http/security-headers')],
  ['cors', ({ url }) => url.includes('/http/cors')],
  ['url secrets', ({ url }) => url.includes('/http/url-secrets')],
  ['error handler', ({ url }) => url.includes('/http/error-handler')],
  ['(garbage collector)', ({ functionName }) => functionName === '(garbage collector)'],
];
// The kernel's share of a write, shown apart and named by who wrote (a response, pg's query).
const socketWrites = new Set(['writev', 'writeBuffer', 'writeBuffers', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);
const outside = 'other (module loading, timers, …)';
// Node's own frames with no part above them: HTTP parsing, socket reads, timers.
const nodeHttp = ({ url }: Node['callFrame']) => url.startsWith('node:');

const [file, requests] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/ab/profile-by-middleware.ts <file.cpuprofile> [requests]');
const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const partOf = new Map<number, string>();
// Walk from the root: a node's part is its own match, or its parent's.
const rootNode = profile.nodes[0]!;
const pending: [Node, string][] = [[rootNode, outside]];
while (pending.length > 0) {
  const [node, inherited] = pending.pop()!;
  if (socketWrites.has(node.callFrame.functionName)) {
    const part = `socket write, from ${inherited}`;
    partOf.set(node.id, part);
    for (const child of node.children ?? []) pending.push([byId.get(child)!, part]);
    continue;
  }
  const own = parts.find(([, matches]) => matches(node.callFrame))?.[0] ?? (inherited === outside && nodeHttp(node.callFrame) ? 'node http / net' : undefined);
  const part = own ?? inherited;
  partOf.set(node.id, part);
  for (const child of node.children ?? []) pending.push([byId.get(child)!, part]);
}
const hits = new Map<string, number>();
let busy = 0;
for (const node of profile.nodes) {
  const { functionName } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') continue;
  const n = node.hitCount ?? 0;
  busy += n;
  const part = partOf.get(node.id)!;
  hits.set(part, (hits.get(part) ?? 0) + n);
}
const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
const usPerHit = (profile.endTime - profile.startTime) / total;
console.log(`busy ${((busy / total) * 100).toFixed(0)} % of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
for (const [part, n] of [...hits.entries()].sort((a, b) => b[1] - a[1])) {
  const perRequest = requests ? ` · ${((n * usPerHit) / Number(requests)).toFixed(1).padStart(6)} µs/request` : '';
  console.log(`${((n / busy) * 100).toFixed(1).padStart(5)} %${perRequest}  ${part}`);
}
