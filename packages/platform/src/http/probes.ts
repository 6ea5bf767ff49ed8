import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

const checkTimeoutMs = 3_000;

function withTimeout(check: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** Liveness: the process runs and its event loop answers. Dependencies do not matter here. */
export const healthz: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

/**
 * Readiness: every dependency answers in time. Failing names are public; the reasons (which may
 * name hosts) only go to the log.
 */
export function readyz(checks: Record<string, () => Promise<void>>, logger: Logger): RequestHandler {
  return async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!, checkTimeoutMs)));
    const failing: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      failing.push(names[i]!);
      logger.warn({ check: names[i], err: result.reason }, 'readiness check failed');
    });
    if (failing.length > 0) res.status(503).json({ status: 'unavailable', failing });
    else res.json({ status: 'ready', checks: names });
  };
}
