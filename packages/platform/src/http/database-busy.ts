import { AppError } from '../errors.js';

/** Seconds a client is told to wait after a shed request: about one pool wait's worth of work drains. */
export const busyRetryAfterSeconds = 1;

/**
 * The database had no free connection within the pool's wait (DATABASE_URL's `pool_timeout`):
 * the pg pool gave up before lending one, or Prisma could not start the interactive transaction.
 * Either way the request did nothing in the database, so it is shed with 503 and `retry-after`
 * rather than failed with 500.
 */
export function databaseBusyError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const poolGaveUp = error.message === 'timeout exceeded when trying to connect';
  const transactionNotStarted = (error as { code?: unknown }).code === 'P2028' && error.message.includes('Unable to start a transaction in the given time');
  if (!poolGaveUp && !transactionNotStarted) return undefined;
  return new AppError('busy', { status: 503, message: `the service is busy; retry in ${busyRetryAfterSeconds} s`, cause: error });
}
