import { randomUUID } from 'node:crypto';
import { withDatabase } from '../database.js';
import { pidListeningOn, pidOf, sampleUsage } from '../processes.js';
import { call, newCustomer, tokenFor } from '../people.js';
import { count, ms, percentile, type Report } from '../report.js';
import { settings } from '../settings.js';
import type { BenchStack } from '../stack.js';
import { temporalClient, timerLateness } from '../temporal-client.js';

const submitConcurrency = 50;
const graceAfterDeadlineMs = 2 * 60_000;
const historiesSampled = 200;

/**
 * Many support workflows open at once, each with its first-reply timer running, none answered:
 * every one breaches. Lateness is the breach's report (reply_breach recorded) against its due
 * time, which includes the breach activities' queue; the timers' own lateness is read from a sample
 * of histories. The worker's and the Temporal server's memory and CPU are sampled meanwhile.
 */
export async function timeAtScale(stack: BenchStack, report: Report, temporal: string): Promise<void> {
  const n = settings.scaleWorkflows;
  const suite = `scale (${temporal})`;
  const support = stack.url('support');
  const worker = sampleUsage(await pidOf('workflows/dist/worker.js', stack.env.EVENT_NAMESPACE!));
  const temporalPort = Number(stack.env.TEMPORAL_ADDRESS!.split(':')[1]);
  const server = sampleUsage(await pidListeningOn(temporalPort));
  const started = Date.now();
  const ids: string[] = [];
  const customers = await Promise.all(Array.from({ length: Math.ceil(n / 100) }, async () => tokenFor(stack.env.JWT_SECRET!, newCustomer())));
  let next = 0;
  await Promise.all(
    Array.from({ length: submitConcurrency }, async () => {
      while (next < n) {
        const i = next++;
        const res = await call(`${support}/queries`, customers[i % customers.length]!, 'POST', { subject: `Scale ${i}`, body: 'Nobody answers this one.' }, { 'idempotency-key': randomUUID() });
        if (res.status === 201) ids.push(res.body.id as string);
      }
    }),
  );
  const submitSeconds = (Date.now() - started) / 1000;
  const deadlineMs = started + settings.scaleDeadlineSeconds * 1000 + graceAfterDeadlineMs;
  let late: number[] = [];
  while (Date.now() < deadlineMs) {
    late = await withDatabase(stack.databaseUrl, async (db) =>
      (
        await db.query(`SELECT EXTRACT(EPOCH FROM (recorded_at - due_at)) * 1000 AS ms FROM support.sla_event WHERE kind = 'reply_breach' AND query_id = ANY($1::uuid[])`, [ids])
      ).rows.map((r: { ms: string }) => Number(r.ms)),
    );
    if (late.length >= ids.length) break;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const w = worker.stop();
  const s = server.stop();
  const { client, close } = await temporalClient(stack.env.TEMPORAL_ADDRESS!, stack.env.TEMPORAL_NAMESPACE!);
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / historiesSampled)) === 0).slice(0, historiesSampled);
  const timers = await timerLateness(client, sample.map((id) => `query-${id}`)).finally(close);
  const p99 = percentile(late, 99);
  report.add({
    suite,
    what: `${count(n)} workflows with a ${settings.scaleDeadlineSeconds} s first-reply timer`,
    figure: `${count(ids.length)} submitted in ${submitSeconds.toFixed(0)} s · ${count(late.length)} breaches reported · lateness p50 ${ms(percentile(late, 50))} p99 ${ms(p99)} max ${ms(Math.max(...late, 0))}`,
    goal: 'every timer fired, p99 < 1 s',
    met: late.length === n && p99 < 1000,
    data: { submitted: ids.length, fired: late.length, p50: percentile(late, 50), p99, max: Math.max(...late, 0) },
  });
  report.add({
    suite,
    what: `the timers themselves (${count(sample.length)} histories): fired vs due · the workflow acting on it (next activity scheduled) vs due`,
    figure: `${count(timers.fired.length)} timers fired: p50 ${ms(percentile(timers.fired, 50))} p99 ${ms(percentile(timers.fired, 99))} max ${ms(Math.max(...timers.fired, 0))} · acted on: p50 ${ms(percentile(timers.acted, 50))} p99 ${ms(percentile(timers.acted, 99))} max ${ms(Math.max(...timers.acted, 0))}`,
    goal: 'p99 < 1 s',
    met: timers.fired.length > 0 && percentile(timers.fired, 99) < 1000,
    data: { sampled: sample.length, fired: timers.fired.length, firedP50: percentile(timers.fired, 50), firedP99: percentile(timers.fired, 99), actedP50: percentile(timers.acted, 50), actedP99: percentile(timers.acted, 99) },
  });
  report.add({
    suite,
    what: `worker RSS / CPU (workflow cache ${count(settings.workerCache)}) · Temporal server RSS / CPU`,
    figure: `worker ${w.maxRssMiB.toFixed(0)} MiB, ${(w.cpuShare * 100).toFixed(0)} % of a core · server ${s.maxRssMiB.toFixed(0)} MiB, ${(s.cpuShare * 100).toFixed(0)} % of a core`,
    goal: 'worker RSS < 1 GiB',
    met: w.maxRssMiB > 0 && w.maxRssMiB < 1024,
    data: { worker: w, server: s },
  });
}
