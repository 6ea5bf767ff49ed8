import { createLogger } from '@guild/platform';
import { logLines } from './log-lines.js';

/** A platform logger whose every line is kept, for assertions on what ops would see. */
export function captureLogs(name: string, level = 'debug') {
  const log = logLines();
  return { ...log, logger: createLogger(name, level, log.destination) };
}
