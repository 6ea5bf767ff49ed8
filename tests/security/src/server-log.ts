import type { Logger } from '@guild/platform';
import { captureLogs } from '@guild/testkit';

export interface ServerLog {
  logger: Logger;
  /** The newest error the service logged (a 500's stack), to quote in a failure message. */
  lastError(): string | undefined;
  /** Every line the service logged, at the most verbose level: checked for leaked secrets. */
  lines(): readonly string[];
}

/** Everything the service logs, kept in memory: a 500 found by a test names its cause. */
export function captureServerErrors(name: string): ServerLog {
  const log = captureLogs(name, 'trace');
  const isError = (line: string) => /"level":(50|60)/.test(line);
  return { logger: log.logger, lastError: () => summary(log.lines.findLast(isError)), lines: () => log.lines };
}

/** `DriverAdapterError: invalid input syntax for type uuid: "abc"` and the top of the stack. */
function summary(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  try {
    const { err } = JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } };
    if (!err) return line;
    return [`${err.type}: ${err.message}`, ...(err.stack ?? '').split('\n').slice(1, 5)].join('\n');
  } catch {
    return line;
  }
}
