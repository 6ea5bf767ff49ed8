import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

// Keys whose values never reach a log line, at whatever depth a caller nests them (pino's
// redaction has no recursive wildcard, so each key is listed at the depths our logs use).
const secretKeys = [
  'authorization',
  'cookie',
  '["set-cookie"]',
  'password',
  'token',
  'secret',
  'apiKey',
  'refreshToken',
  'accessToken',
];
const maxDepth = 5;

function redactedPaths(): string[] {
  const paths: string[] = [];
  for (const key of secretKeys) {
    for (let depth = 0; depth < maxDepth; depth++) {
      const prefix = '*.'.repeat(depth);
      paths.push(key.startsWith('[') ? `${prefix.slice(0, -1) || ''}${key}` : `${prefix}${key}`);
    }
  }
  return paths;
}

/**
 * The one logger of a process. `destination` exists so tests can read what would be written.
 */
export function createLogger(name: string, level: string = 'info', destination?: DestinationStream): Logger {
  const options = { name, level, redact: { paths: redactedPaths(), censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
