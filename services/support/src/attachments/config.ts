import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Both `src/attachments` and `dist/attachments` sit four folders below the repository root. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const attachmentConfig = {
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Relative paths are taken from the repository root, wherever the process was started. */
  ATTACHMENT_DIR: z.string().min(1).default('.data/attachments'),
};

export const attachmentDirOf = (configured: string) => path.resolve(repoRoot, configured);
