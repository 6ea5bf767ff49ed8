/**
 * Runs at most `width` tasks at once, in parallel except where their keys meet: a task starts only
 * once every earlier task sharing one of its keys has settled. So the events of one workflow (one
 * key) keep the order they arrived in, while other workflows' events need not queue behind them.
 */
export interface EventLanes {
  /** Waits for a free slot (so a caller pulls no more than it can run), then queues `work` behind its keys. */
  admit(keys: readonly string[], work: () => Promise<void>): Promise<{ done: Promise<void> }>;
  /** Settles once every admitted task has. */
  drain(): Promise<void>;
}

export function eventLanes(width: number): EventLanes {
  if (!Number.isInteger(width) || width < 1) throw new Error(`event lanes need a width of at least 1 (got ${width})`);
  const tails = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  const slotWaiters: (() => void)[] = [];

  async function freeSlot(): Promise<void> {
    while (running.size >= width) await new Promise<void>((resolve) => slotWaiters.push(resolve));
  }

  return {
    async admit(keys, work) {
      await freeSlot();
      const before = keys.map((key) => tails.get(key)).filter((tail): tail is Promise<void> => tail !== undefined);
      // A failed predecessor does not hold the lane: its event is redelivered on its own.
      const done = Promise.all(before).then(work);
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      for (const key of keys) tails.set(key, settled);
      running.add(settled);
      void settled.then(() => {
        running.delete(settled);
        for (const key of keys) if (tails.get(key) === settled) tails.delete(key);
        slotWaiters.shift()?.();
      });
      return { done };
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
    },
  };
}
