import { createHash } from 'node:crypto';

/** Prisma's checksum of a migration: sha256 of its migration.sql, in lowercase hex. */
export function checksumOf(script: Buffer | string): string {
  return createHash('sha256').update(script).digest('hex');
}

/** Like Prisma, accept a script whose line endings were converted since (git autocrlf). */
export function matchesChecksum(script: string, recordedChecksum: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => checksumOf(variant) === recordedChecksum);
}
