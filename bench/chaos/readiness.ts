/** A status seen on a service's /readyz: 200 is green; anything else, or no answer, is red. */
interface Sample {
  at: number;
  green: boolean;
}

/**
 * Polls a service's /readyz every 100 ms for the whole run, so each fault can be asked afterwards
 * whether the probe went red inside its window and green again after it.
 */
export function watchReadiness(url: string) {
  const samples: Sample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const green = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
        async (res) => {
          await res.body?.cancel();
          return res.status === 200;
        },
        () => false,
      );
      samples.push({ at: Date.now(), green });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    /** Whether it was red at some point in [from, to], and when it was green again after the first red. */
    during(from: number, to: number): { wentRed: boolean; greenAgainAfterMs: number | undefined } {
      const firstRed = samples.find((s) => s.at >= from && s.at <= to && !s.green);
      if (!firstRed) return { wentRed: false, greenAgainAfterMs: undefined };
      const green = samples.find((s) => s.at > firstRed.at && s.green);
      return { wentRed: true, greenAgainAfterMs: green ? green.at - from : undefined };
    },
    /** Resolves once a sample taken after `since` is green. */
    async greenSince(since: number, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!samples.some((s) => s.at > since && s.green)) {
        if (Date.now() > deadline) throw new Error(`${url}/readyz not green again within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
