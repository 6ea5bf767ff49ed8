/**
 * Failed sign-ins counted per email and client address. A lock shuts out the address that
 * guessed, not the account: a stranger cannot lock a customer out, and an unknown email locks
 * exactly like a real one, so the answer says nothing about which accounts exist. In-process, like
 * the rate limiters; a store shared by every instance can replace it behind this interface.
 */
export interface SignInFailures {
  /** Until when this email may not be tried from this address, if it is locked. */
  lockedUntil(email: string, address: string): Promise<Date | undefined>;
  /** Counts one failure; the one that reaches the limit locks the pair and answers until when. */
  record(email: string, address: string): Promise<Date | undefined>;
  /** A successful sign-in starts the count again. */
  clear(email: string, address: string): Promise<void>;
  /** A password reset proves the owner: every address's lock on the email is lifted. */
  forgetEmail(email: string): Promise<void>;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

const sweepEvery = 1_000;

export function createMemorySignInFailures(opts: { maxFailures: number; lockMs: number; now?: () => number }): SignInFailures {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let recordsSinceSweep = 0;
  const keyOf = (email: string, address: string) => `${email.toLowerCase()}\n${address}`;
  // Failures older than a lock's length are forgotten, so a few typos a day never add up to a lock.
  const isStale = (entry: Entry, at: number) => entry.lockedUntil <= at && at - entry.lastFailureAt >= opts.lockMs;

  function sweep(at: number) {
    for (const [key, entry] of entries) if (isStale(entry, at)) entries.delete(key);
  }

  return {
    async lockedUntil(email, address) {
      const entry = entries.get(keyOf(email, address));
      return entry && entry.lockedUntil > now() ? new Date(entry.lockedUntil) : undefined;
    },
    async record(email, address) {
      const at = now();
      if (++recordsSinceSweep >= sweepEvery) {
        recordsSinceSweep = 0;
        sweep(at);
      }
      const key = keyOf(email, address);
      const previous = entries.get(key);
      const entry = previous && !isStale(previous, at) ? previous : { failures: 0, lastFailureAt: at, lockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = at;
      entries.set(key, entry);
      if (entry.failures < opts.maxFailures) return undefined;
      entry.failures = 0;
      entry.lockedUntil = at + opts.lockMs;
      return new Date(entry.lockedUntil);
    },
    async clear(email, address) {
      entries.delete(keyOf(email, address));
    },
    async forgetEmail(email) {
      const prefix = keyOf(email, '');
      for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
