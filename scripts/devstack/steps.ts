/** What went wrong in one step, and what the person at the terminal can do about it. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';

  constructor(
    readonly part: string,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${part}: ${problem}`);
  }
}

export function fail(part: string, problem: string, remedy: string): never {
  throw new StepFailure(part, problem, remedy);
}

/** One line per thing done, so a slow or failing start says where it is. */
export function say(part: string, message: string): void {
  console.log(`▸ ${part}: ${message}`);
}

export function warn(part: string, message: string): void {
  console.log(`! ${part}: ${message}`);
}

export function reportFailure(error: unknown): void {
  if (error instanceof StepFailure) {
    console.error(`✗ ${error.part}: ${error.problem} — what to do: ${error.remedy}`);
  } else {
    console.error(`✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

export function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Wall time of each phase, printed as one line at the end. */
export class PhaseClock {
  private readonly started = Date.now();
  private readonly phases: { name: string; ms: number; ok: boolean }[] = [];

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    let ok = false;
    try {
      const result = await work();
      ok = true;
      return result;
    } finally {
      this.record(name, Date.now() - started, ok);
    }
  }

  record(name: string, ms: number, ok: boolean): void {
    this.phases.push({ name, ms, ok });
    console.log(`${ok ? '✓' : '✗'} ${name} (${seconds(ms)})`);
  }

  summary(): string {
    const parts = this.phases.map((p) => `${p.name} ${seconds(p.ms)}${p.ok ? '' : ' ✗'}`);
    return `${parts.join(' · ')} · total ${seconds(Date.now() - this.started)}`;
  }
}
