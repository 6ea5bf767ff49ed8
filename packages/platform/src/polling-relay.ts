import type { Logger } from './logger.js';

export interface PollingRelay {
  /** Run a pass now (call it after committing rows the relay should pick up). */
  nudge(): void;
  /** One pass; resolves to the number of rows it handled. */
  drainOnce(): Promise<number>;
  /** Finish the pass in flight and stop polling. */
  stop(): Promise<void>;
}

/** A sleep another part of the loop can cut short (a nudge, a stop). */
export function interruptibleSleep() {
  let wakeUp: (() => void) | undefined;
  return {
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    wake: () => wakeUp?.(),
  };
}

/**
 * The loop every outbox-style relay runs: one pass at a time, again at once while passes come
 * back full or a nudge arrived during one, else after `pollMs` (which a nudge cuts short).
 */
export function startPollingRelay(opts: { name: string; logger: Logger; pollMs: number; batchSize: number; pass: () => Promise<number> }): PollingRelay {
  let stopped = false;
  let nudged = false;
  const pause = interruptibleSleep();
  let queue: Promise<unknown> = Promise.resolve();

  function drainOnce(): Promise<number> {
    // One pass at a time per relay; a caller during a pass gets the next one.
    const pass = queue.then(opts.pass, opts.pass);
    queue = pass.catch(() => undefined);
    return pass;
  }

  const running = (async () => {
    while (!stopped) {
      nudged = false;
      let handled = 0;
      try {
        handled = await drainOnce();
      } catch (error) {
        opts.logger.error({ err: error }, `${opts.name} pass failed`);
      }
      if (stopped) break;
      if (handled < opts.batchSize && !nudged) await pause.sleep(opts.pollMs);
    }
  })();

  return {
    nudge: () => {
      nudged = true;
      pause.wake();
    },
    drainOnce,
    async stop() {
      stopped = true;
      pause.wake();
      await running;
      await queue;
    },
  };
}
