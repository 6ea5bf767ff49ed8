import { pino, type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { withoutSecrets } from './log-secrets.js';

export type Logger = PinoLogger;

/**
 * The one logger of a process. `destination` exists so tests can read what would be written.
 * Every line and every child's bindings pass through `withoutSecrets`: pino's own `redact`, with
 * a wildcard path per depth, cost ~100 µs a line and ~30 µs a child, more than a whole request.
 */
export function createLogger(name: string, level: string = 'info', destination?: DestinationStream): Logger {
  const options = { name, level, formatters: { log: withoutSecrets } };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino builds each child with Object.create(parent), so children (and theirs) inherit this.
  const child = logger.child;
  logger.child = function censoredChild<ChildLevels extends string = never>(this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions<ChildLevels>) {
    return child.call(this, withoutSecrets(bindings), childOptions) as PinoLogger<ChildLevels>;
  };
  return logger;
}

/** How often buffered lines are written when too few arrive to fill the buffer. */
const bufferFlushMs = 1_000;

/**
 * Where a service's lines go (`LOG_BUFFER_BYTES`). 0: stdout, each line written as it is logged
 * (pino's own destination). More: lines are written in blocks of about that many bytes, at least
 * once a second and when the process exits: under load one write serves many requests (a line's
 * own write cost a read ~15 µs of CPU), at the price of up to a second of lines if the process
 * is killed outright (SIGKILL, out of memory).
 */
export function serviceLogDestination(bufferBytes: number): DestinationStream | undefined {
  if (bufferBytes <= 0) return undefined;
  return pino.destination({ dest: 1, sync: false, minLength: bufferBytes, periodicFlush: bufferFlushMs });
}
