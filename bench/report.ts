import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One figure of the run, with what it is compared to and the goal it is held against. */
export interface Row {
  suite: string;
  what: string;
  /** e.g. "1,234 req/s · p99 12 ms" */
  figure: string;
  /** The figure divided by the baseline measured in the same run, when there is one. */
  ratio?: number | undefined;
  goal?: string | undefined;
  met?: boolean | undefined;
  /** The raw numbers, for the JSON file. */
  data?: Record<string, unknown>;
}

export class Report {
  readonly rows: Row[] = [];
  private readonly started = new Date();

  add(row: Row): void {
    this.rows.push(row);
    const mark = row.met === undefined ? ' ' : row.met ? '✓' : '✗';
    console.log(`  ${mark} [${row.suite}] ${row.what}: ${row.figure}${row.ratio === undefined ? '' : ` (${percent(row.ratio)} of baseline)`}${row.goal ? ` — goal ${row.goal}` : ''}`);
  }

  print(): void {
    const header = ['suite', 'what', 'figure', 'vs baseline', 'goal', ''];
    const lines = this.rows.map((r) => [r.suite, r.what, r.figure, r.ratio === undefined ? '' : percent(r.ratio), r.goal ?? '', r.met === undefined ? '' : r.met ? 'met' : 'NOT met']);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(`\n${line(header)}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
    for (const l of lines) console.log(line(l));
  }

  /** bench/results/<date>.json: every row with its raw numbers, and the machine it ran on. */
  async write(dir: string, settings: Record<string, unknown>): Promise<string> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${this.started.toISOString().replace(/[:.]/g, '-')}.json`);
    const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg(), node: process.version };
    await writeFile(file, `${JSON.stringify({ startedAt: this.started.toISOString(), finishedAt: new Date().toISOString(), machine, settings, rows: this.rows }, null, 2)}\n`);
    return file;
  }
}

export const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;
export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const count = (value: number) => Math.round(value).toLocaleString('en-US');

/** The p-th percentile (0–100) of some numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
