import { Writable } from 'node:stream';
import { createLogger } from '../../src/index.js';

/** A logger whose every line is kept, for assertions on what reaches the logs. */
export function captureLogs(name: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return {
    lines,
    text: () => lines.join('\n'),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    logger: createLogger(name, 'debug', stream),
  };
}
