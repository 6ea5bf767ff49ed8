import { readdir, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The pid of the process of ours running this entry with this EVENT_NAMESPACE (never npm start's). */
export async function pidOf(entry: string, eventNamespace: string): Promise<number | undefined> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8');
      if (!cmdline.includes(entry)) continue;
      const environ = await readFile(`/proc/${name}/environ`, 'utf8');
      if (environ.split('\0').includes(`EVENT_NAMESPACE=${eventNamespace}`)) return Number(name);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return undefined;
}

/** The pid listening on a local TCP port. */
export async function pidListeningOn(port: number): Promise<number | undefined> {
  const { stdout } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${port}`]).catch(() => ({ stdout: '' }));
  const match = /pid=(\d+)/.exec(stdout);
  return match ? Number(match[1]) : undefined;
}

/** Resident memory (bytes) and CPU time so far (seconds) of a process. */
export async function usageOf(pid: number): Promise<{ rssBytes: number; cpuSeconds: number } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return { rssBytes: rssKb * 1024, cpuSeconds: (Number(stat[11]) + Number(stat[12])) / 100 };
  } catch {
    return undefined;
  }
}

/** Samples a process every second: the largest RSS, and CPU used per wall second. */
export function sampleUsage(pid: number | undefined) {
  let maxRss = 0;
  let first: { at: number; cpu: number } | undefined;
  let last: { at: number; cpu: number } | undefined;
  const take = async () => {
    if (pid === undefined) return;
    const usage = await usageOf(pid);
    if (!usage) return;
    maxRss = Math.max(maxRss, usage.rssBytes);
    last = { at: Date.now(), cpu: usage.cpuSeconds };
    first ??= last;
  };
  void take();
  const timer = setInterval(() => void take(), 1000);
  return {
    stop() {
      clearInterval(timer);
      const cpuShare = first && last && last.at > first.at ? (last.cpu - first.cpu) / ((last.at - first.at) / 1000) : Number.NaN;
      return { maxRssMiB: maxRss / 2 ** 20, cpuShare };
    },
  };
}
