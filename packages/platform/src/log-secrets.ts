// Keys whose values never reach a log line, at any depth, whatever their case.
const secretKeys = new Set(['authorization', 'cookie', 'set-cookie', 'password', 'token', 'secret', 'apikey', 'refreshtoken', 'accesstoken']);
const censor = '[redacted]';
// pino prints objects nested deeper than 5 levels as "[Object]": nothing deeper is written.
const maxDepth = 6;

// Errors keep their message, stack and cause as own non-enumerable properties; pino prints them.
const keysOf = (value: object) => (value instanceof Error ? Object.getOwnPropertyNames(value) : Object.keys(value));

/** A writable copy of an object or array with the same prototype, so an Error stays an Error. */
function copyOf(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const copy = (Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null)) as Record<string, unknown>;
  for (const key of keys) {
    const enumerable = Object.prototype.propertyIsEnumerable.call(value, key);
    Object.defineProperty(copy, key, { value: value[key], writable: true, configurable: true, enumerable });
  }
  return copy;
}

/**
 * The value with every secret key's value replaced by "[redacted]". Objects holding no secret
 * are returned as they are, so a line of plain fields costs one walk and no copy.
 */
export function withoutSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth >= maxDepth || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = keysOf(record);
  let copy: Record<string, unknown> | undefined;
  for (const key of keys) {
    const inner = record[key];
    const cleaned = secretKeys.has(key.toLowerCase()) ? censor : withoutSecrets(inner, depth + 1);
    if (cleaned === inner) continue;
    copy ??= copyOf(record, keys);
    copy[key] = cleaned;
  }
  return (copy ?? value) as T;
}
