/**
 * Where a logger writes in a test, kept in memory for assertions on what reaches the logs.
 * Pass `destination` to the platform's `createLogger(name, level, destination)`.
 */
export function logLines() {
  const lines: string[] = [];
  return {
    lines,
    destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) },
    text: () => lines.join('\n'),
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
