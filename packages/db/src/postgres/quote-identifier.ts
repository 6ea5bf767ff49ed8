/** Database names cannot be query parameters, so they are quoted into the SQL text. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
