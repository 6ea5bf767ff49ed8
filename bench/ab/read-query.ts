import type { ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { sqlPoolOf } from '@guild/db';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, signToken, type Principal } from '@guild/platform';
import { createServer } from '../../services/support/src/server.js';
import { jwtSecret, measure, root, show, start, stopAll } from './harness.js';

// `node --import tsx bench/ab/read-query.ts [rounds]`: support's `GET /queries/:id` (a query with
// two replies) as its customer and as ops (audited) against bare Express at one moment, without
// the rest of the stack. Support is built as services/support/src/server.ts builds it, in a
// process of its own on a fresh test database, logging to a file through pino's asynchronous
// destination as a service logs to its stdout; load comes from this process, 10 connections × 5 s
// per figure, full speed then half that rate, interleaved per round (the first round warms up).
// Beside each figure: CPU per request of the support process and of its PostgreSQL backends (all
// share the machine's cores with the load), and the ops audit's rows per insert.
//   AB_TREES=before=/tmp/before,after=.,after-buffered=.:4096  copies of the repository to compare
//     (each with this script and node_modules links to its own packages); `:bytes` runs that one
//     with LOG_BUFFER_BYTES
//   AB_PROFILE=1  each support writes a `--cpu-prof` into .data/ab-read-profiles/ (read them with
//     bench/profile-top.ts and bench/ab/profile-by-middleware.ts)
//   AB_AS=customer  only one of the two readers;  AB_HALF=0  no half-rate figures
//   AB_SECONDS, AB_CONNECTIONS  per figure

const barePort = 4189;

async function serveSupport(port: number): Promise<void> {
  const db = await createTestDatabase();
  // As `serviceLogDestination` (packages/platform/src/logger.ts) writes to stdout, into a file here.
  const bufferBytes = Number(process.env.LOG_BUFFER_BYTES ?? 0);
  const buffered = bufferBytes > 0 ? { minLength: bufferBytes, periodicFlush: 1_000 } : {};
  const log = pino.destination({ dest: path.join(process.env.AB_LOG_DIR ?? root, `ab-read-support-${port}.log`), sync: false, ...buffered });
  const app = createServer({ prisma: db.prisma, logger: createLogger('support', 'info', log), jwtSecret, readiness: {} });
  const server = app.listen(port, '127.0.0.1', () => process.send?.('ready'));
  process.on('message', (message) => {
    if (message === 'tally') void tally(sqlPoolOf(db.prisma)).then((counts) => process.send?.(counts));
  });
  process.on('SIGTERM', () => {
    server.close();
    void db.drop().then(() => process.exit(0));
  });
}

const ticksPerSecond = 100;

interface Tally {
  /** CPU µs of this process and of the database's backends (from /proc) so far. */
  support: number;
  postgres: number;
  /** Ops audit rows so far, and the inserts that wrote them (rows of one insert share its `now()`). */
  auditRows: number;
  auditInserts: number;
}

async function tally(pool: ReturnType<typeof sqlPoolOf>): Promise<Tally> {
  const { user, system } = process.cpuUsage();
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  let ticks = 0;
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  // Counted after the CPU figures, so that the count's own work falls outside them.
  const audit = await pool.query<{ rows: number; inserts: number }>('SELECT count(*)::int AS rows, count(DISTINCT created_at)::int AS inserts FROM support.ops_audit_entry');
  const { rows: auditRows = 0, inserts: auditInserts = 0 } = audit.rows[0] ?? {};
  return { support: user + system, postgres: (ticks / ticksPerSecond) * 1e6, auditRows, auditInserts };
}

function askTally(child: ChildProcess): Promise<Tally> {
  return new Promise((resolve) => {
    child.once('message', (counts) => resolve(counts as Tally));
    child.send('tally');
  });
}

const bearer = async (principal: Principal) => `Bearer ${await signToken(jwtSecret, principal, { expiresIn: '1h' })}`;

async function call(url: string, method: 'GET' | 'POST' | 'PUT', authorization: string, body?: object): Promise<{ id: string }> {
  const res = await fetch(url, { method, headers: { authorization, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** A query of the customer's, assigned to the expert, with two replies; its id. */
async function seedQuery(base: string, as: { customer: string; expert: string; ops: string }): Promise<string> {
  await call(`${base}/customers/ab-acme/expert-assignment`, 'PUT', as.ops, { expertId: 'ab-alice' });
  const { id } = await call(`${base}/queries`, 'POST', as.customer, { subject: 'Export fails', body: 'The nightly export stops at 80 %.' });
  await call(`${base}/queries/${id}/replies`, 'POST', as.expert, { kind: 'needs_info', answer: 'Which version?', etaMinutes: 60, needInfo: [{ item: 'version', note: 'About box' }] });
  await call(`${base}/queries/${id}/replies`, 'POST', as.expert, { answer: 'Fixed in 4.2.1.', etaMinutes: 30 });
  return id;
}

/** `name=path` pairs of repository copies to measure, this one by default. */
function treesToMeasure(): { name: string; dir: string; port: number; logBufferBytes: string }[] {
  const spec = process.env.AB_TREES ?? `this=${root}`;
  return spec.split(',').map((pair, i) => {
    const [name, where] = pair.split('=');
    const [dir, logBufferBytes = '0'] = (where ?? '').split(':');
    if (!name || !dir) throw new Error(`AB_TREES: "${pair}" is not name=path or name=path:bytes`);
    return { name, dir: path.resolve(dir), port: 4170 - i, logBufferBytes };
  });
}

const readers = (process.env.AB_AS ?? 'customer,ops').split(',') as ('customer' | 'ops')[];

async function drive(rounds: number): Promise<void> {
  const profileDir = path.join(root, '.data', 'ab-read-profiles');
  await mkdir(profileDir, { recursive: true });
  const profile = process.env.AB_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const trees = treesToMeasure();
  const supports: ChildProcess[] = [];
  for (const tree of trees) {
    const serve = [...profile, '--import', 'tsx', path.join(tree.dir, 'bench/ab/read-query.ts'), 'serve', String(tree.port)];
    supports.push(await start(serve, { readyWhenListening: true, barePort, cwd: tree.dir, env: { LOG_BUFFER_BYTES: tree.logBufferBytes } }));
  }
  const bare = await start(['--import', 'tsx', 'bench/bare-express.ts'], { readyWhenListening: false, barePort });
  try {
    const as = {
      customer: await bearer({ subject: 'ab-customer', role: 'customer', customerId: 'ab-acme' }),
      expert: await bearer({ subject: 'ab-expert', role: 'expert', expertId: 'ab-alice' }),
      ops: await bearer({ subject: 'ab-ops', role: 'ops' }),
    };
    const reads = [];
    for (const [i, tree] of trees.entries()) {
      const url = `http://127.0.0.1:${tree.port}/queries/${await seedQuery(`http://127.0.0.1:${tree.port}`, as)}`;
      reads.push({ tree, url, support: supports[i]! });
    }
    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round}${round === 1 ? ' (warm-up)' : ''}`);
      const bareFigure = await measure(`http://127.0.0.1:${barePort}/`);
      console.log(`  bare Express                    ${show(bareFigure)}`);
      for (const who of readers) {
        for (const { tree, url, support } of reads) {
          const headers = { authorization: as[who] };
          const before = await askTally(support);
          const full = await measure(url, { headers });
          const after = await askTally(support);
          const perRequest = (spent: number) => `${(spent / (full.requests ?? 1)).toFixed(0)} µs`;
          const inserts = after.auditInserts - before.auditInserts;
          const audit = inserts > 0 ? ` · audit ${((after.auditRows - before.auditRows) / inserts).toFixed(1)} rows an insert` : '';
          const cpu = `CPU/request: support ${perRequest(after.support - before.support)}, postgres ${perRequest(after.postgres - before.postgres)}${audit}`;
          console.log(`  ${`${tree.name} GET as ${who}`.padEnd(31)} ${show(full)} · ${((full.rps / bareFigure.rps) * 100).toFixed(1)} % of bare · ${cpu}`);
          if (process.env.AB_HALF === '0') continue;
          const half = await measure(url, { headers }, Math.max(1, Math.round(full.rps / 2)));
          console.log(`  ${`${tree.name} at half rate`.padEnd(31)} ${show(half)}`);
        }
      }
    }
  } finally {
    await stopAll(bare, supports);
  }
}

if (process.argv[2] === 'serve') await serveSupport(Number(process.argv[3]));
else await drive(Number(process.argv[2] ?? 2));
