import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { connectNats, createLogger, deleteEventStream, ensureEventStream, signToken, startMailRelay, startOutboxRelay, type MailDirectory } from '@guild/platform';
import { supportMailTemplates } from '../../services/support/src/mail/templates.js';
import { createServer } from '../../services/support/src/server.js';
import { jwtSecret, measure, root, show, start, stopAll } from './harness.js';

// `node --import tsx bench/ab/create-query.ts [rounds]`: support's `POST /queries` (a unique
// Idempotency-Key each) against bare Express at one moment, without the rest of the stack.
// Support runs in a process of its own on a fresh test database, logging to a file; load comes
// from this process, 10 connections × 5 s per figure, interleaved per round (the first round warms
// up). `AB_TREES=before=/tmp/before,after=.` compares copies of the repository (each with this
// script and its own node_modules links); `AB_PROFILE=1` writes each support's `--cpu-prof` into
// .data/ab-profiles/. `AB_NATS_URL=nats://127.0.0.1:4222` also runs what each creation sets off in
// support's own process: the outbox relay (to a stream of its own, deleted after) and the mail relay
// (its ops mails resolve to nobody, so they are given up rather than sent).

const barePort = 4129;

async function serveSupport(port: number): Promise<void> {
  const db = await createTestDatabase();
  const log = createWriteStream(path.join(process.env.AB_LOG_DIR ?? root, `ab-support-${port}.log`));
  const logger = createLogger('support', 'info', log);
  const relays = process.env.AB_NATS_URL ? await startRelays(db.prisma, logger, process.env.AB_NATS_URL, `ab${port}`) : undefined;
  const app = createServer({
    prisma: db.prisma,
    logger,
    jwtSecret,
    readiness: {},
    submissionsPerHour: { perAccount: 1_000_000_000, perIp: 1_000_000_000 },
    ...(relays ? { eventsRecorded: relays.nudge } : {}),
  });
  const server = app.listen(port, '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => {
    server.close();
    void (async () => {
      await relays?.stop();
      await db.drop();
      process.exit(0);
    })();
  });
}

async function startRelays(prisma: Parameters<typeof createServer>[0]['prisma'], logger: ReturnType<typeof createLogger>, natsUrl: string, namespace: string) {
  const nc = await connectNats(natsUrl, logger);
  await ensureEventStream(nc, namespace);
  const nobody: MailDirectory = async (people) => ({ addresses: [], unresolved: people });
  const relay = startOutboxRelay({ prisma, nc, namespace, source: 'support', logger });
  const mailRelay = startMailRelay({ prisma, source: 'support', templates: supportMailTemplates, directory: nobody, smtpUrl: 'smtp://127.0.0.1:9', from: 'Guild support <support@support.guild.local>', logger });
  return {
    nudge: () => {
      relay.nudge();
      mailRelay.nudge();
    },
    async stop() {
      await relay.stop();
      await mailRelay.stop();
      await deleteEventStream(nc, namespace);
      await nc.close();
    },
  };
}

/** `name=path` pairs of repository copies to measure, this one by default. */
function treesToMeasure(): { name: string; dir: string; port: number }[] {
  const spec = process.env.AB_TREES ?? `this=${root}`;
  return spec.split(',').map((pair, i) => {
    const [name, dir] = pair.split('=');
    if (!name || !dir) throw new Error(`AB_TREES: "${pair}" is not name=path`);
    return { name, dir: path.resolve(dir), port: 4127 - i };
  });
}

async function drive(rounds: number): Promise<void> {
  await mkdir(path.join(root, '.data', 'ab-profiles'), { recursive: true });
  const profile = process.env.AB_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', path.join(root, '.data', 'ab-profiles')] : [];
  const trees = treesToMeasure();
  const supports: ChildProcess[] = [];
  for (const tree of trees) {
    supports.push(await start([...profile, '--import', 'tsx', path.join(tree.dir, 'bench/ab/create-query.ts'), 'serve', String(tree.port)], { readyWhenListening: true, barePort, cwd: tree.dir }));
  }
  const bare = await start(['--import', 'tsx', 'bench/bare-express.ts'], { readyWhenListening: false, barePort });
  try {
    const customerId = randomUUID();
    const token = await signToken(jwtSecret, { subject: `ab-customer-${customerId.slice(0, 8)}`, role: 'customer', customerId }, { expiresIn: '1h' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const create = {
      method: 'POST' as const,
      headers,
      requests: [{ setupRequest: (r: object) => ({ ...r, headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ subject: 'Export fails', body: 'The nightly export stops at 80 %.' }) }) }],
    };
    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round}`);
      const bareFigure = await measure(`http://127.0.0.1:${barePort}/`);
      console.log(`  bare Express              ${show(bareFigure)}`);
      for (const tree of trees) {
        const url = `http://127.0.0.1:${tree.port}/queries`;
        const full = await measure(url, create);
        const half = await measure(url, create, Math.max(1, Math.round(full.rps / 2)));
        console.log(`  ${`${tree.name} POST /queries`.padEnd(25)} ${show(full)} · ${((full.rps / bareFigure.rps) * 100).toFixed(1)} % of bare`);
        console.log(`  ${`${tree.name} at half rate`.padEnd(25)} ${show(half)}`);
      }
    }
  } finally {
    await stopAll(bare, supports);
  }
}

if (process.argv[2] === 'serve') await serveSupport(Number(process.argv[3]));
else await drive(Number(process.argv[2] ?? 2));
