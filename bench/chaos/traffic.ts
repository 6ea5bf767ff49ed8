import { randomUUID } from 'node:crypto';
import { call } from '../people.js';

/** What the clients saw while parts died: answers of 5xx and transport errors, each retried. */
export interface Trouble {
  status500: number;
  status503: number;
  otherFailures: number;
}

/**
 * A write as a careful client sends it: one Idempotency-Key for all its attempts, retried on a
 * transport error or a 5xx (a dead or restarting service) until it is answered below 500.
 */
export async function writeUntilAnswered(url: string, token: string, body: unknown, trouble: Trouble, timeoutMs = 120_000) {
  const key = randomUUID();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(url, token, 'POST', body, { 'idempotency-key': key }).catch(() => undefined);
    if (res && res.status < 500) return res;
    if (!res) trouble.otherFailures++;
    else if (res.status === 503) trouble.status503++;
    else if (res.status === 500) trouble.status500++;
    else trouble.otherFailures++;
    if (Date.now() > deadline) throw new Error(`POST ${url} was not answered below 500 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `count` queries submitted `concurrency` at a time while the faults happen; every even one is
 * answered by the expert right after it is accepted (its reply races the workflow's start), every
 * odd one is left to breach. Resolves with the ids in submission order.
 */
export async function queriesInFlight(opts: {
  supportUrl: string;
  count: number;
  concurrency: number;
  customerTokens: string[];
  expertToken: string;
  tag: string;
  trouble: Trouble;
  onAccepted?: (accepted: number) => void;
}): Promise<{ ids: string[]; subjects: string[]; answered: Set<string> }> {
  const ids: string[] = new Array(opts.count);
  const subjects: string[] = new Array(opts.count);
  const answered = new Set<string>();
  let next = 0;
  let accepted = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.count) {
        const i = next++;
        const subject = `Chaos ${opts.tag} #${i}`;
        const token = opts.customerTokens[i % opts.customerTokens.length]!;
        const res = await writeUntilAnswered(`${opts.supportUrl}/queries`, token, { subject, body: 'Parts of the system die while this is open.' }, opts.trouble);
        if (res.status !== 201) throw new Error(`POST /queries answered ${res.status}: ${JSON.stringify(res.body)}`);
        const id = res.body.id as string;
        ids[i] = id;
        subjects[i] = subject;
        opts.onAccepted?.(++accepted);
        if (i % 2 === 0) {
          const reply = await writeUntilAnswered(`${opts.supportUrl}/queries/${id}/replies`, opts.expertToken, { kind: 'answer', answer: 'Fixed while things were on fire.', etaMinutes: 30 }, opts.trouble);
          if (reply.status !== 201) throw new Error(`reply answered ${reply.status}: ${JSON.stringify(reply.body)}`);
          answered.add(id);
        }
      }
    }),
  );
  return { ids, subjects, answered };
}
