import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyRingOrExit, loadKeyRing, type KeyRing } from '@guild/platform';
import { z } from 'zod';

/** Both `src/attachments` and `dist/attachments` sit four folders below the repository root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const attachmentConfig = {
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Relative paths are taken from the repository root, wherever the process was started. */
  ATTACHMENT_DIR: z.string().min(1).default('.data/attachments'),
  /** Policy: files one mail may bring, and files a query may hold in all. */
  ATTACHMENTS_PER_MAIL: z.coerce.number().int().positive().default(10),
  ATTACHMENTS_PER_QUERY: z.coerce.number().int().positive().default(50),
  /** API uploads per account per hour. */
  ATTACHMENT_UPLOADS_PER_HOUR: z.coerce.number().int().positive().default(60),
};

export const attachmentDirOf = (configured: string) => path.resolve(repoRoot, configured);

/**
 * The keys that wrap attachments' data keys (and held mail's): `ATTACHMENT_KEYS` (or the file
 * `ATTACHMENT_KEYS_FILE`) lists `keyId:base64key`; `ATTACHMENT_KEY_ID` picks the one that wraps
 * new files, by default the last. Rotation as for the Temporal codec: add a key, make it current,
 * re-wrap (`POST /attachments/key-rotation`), then drop the old key.
 */
export const loadAttachmentKeys = (env: Record<string, string | undefined> = process.env): KeyRing =>
  loadKeyRing({ keys: 'ATTACHMENT_KEYS', file: 'ATTACHMENT_KEYS_FILE', currentId: 'ATTACHMENT_KEY_ID', whyRequired: 'files must not be kept unencrypted' }, env);

export const attachmentKeysOrExit = () => keyRingOrExit(() => loadAttachmentKeys());
