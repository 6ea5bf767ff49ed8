import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Sealer } from '@guild/platform';

export interface StoredBytes {
  sha256: string;
  sizeBytes: number;
}

/** Where attachment bytes live: outside the database, addressed by their SHA-256, encrypted. */
export interface AttachmentStore {
  /** Keeps the bytes under their checksum; the same bytes sent twice are kept once. */
  put(bytes: Uint8Array): Promise<StoredBytes>;
  /** The bytes kept under a checksum, or null when the store has none. */
  read(sha256: string): Promise<Buffer | null>;
  /** Re-wraps a file's data key with the ring's current key; false when it already was (or is gone). */
  rewrap(sha256: string): Promise<boolean>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A content-addressed folder, `<dir>/<first two hex digits>/<sha256>`, whose files hold only
 * sealed bytes (AES-256-GCM under a per-file data key wrapped by the ring's current key; see
 * the platform's crypto/sealed-bytes.ts). The checksum is the seal's context, so a file moved
 * under another name does not open. Files are written to a temporary name and renamed into place, so a reader never sees
 * half a file and a crash leaves at most a stray temporary file.
 */
export function createFileAttachmentStore(dir: string, sealer: Sealer): AttachmentStore {
  const pathOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);

  async function readSealed(sha256: string): Promise<Buffer | null> {
    // The checksum names a file: anything but 64 hex digits could name a path outside the store.
    if (!sha256Pattern.test(sha256)) return null;
    try {
      return await readFile(pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async function writeInPlace(file: string, sealed: Buffer) {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(sealed);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async function isStored(file: string) {
    try {
      return (await stat(file)).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const file = pathOf(sha256);
      if (!(await isStored(file))) await writeInPlace(file, sealer.seal(bytes, sha256));
      return { sha256, sizeBytes: bytes.byteLength };
    },

    async read(sha256) {
      const sealed = await readSealed(sha256);
      return sealed && sealer.open(sealed, sha256);
    },

    async rewrap(sha256) {
      const sealed = await readSealed(sha256);
      const rewrapped = sealed && sealer.rewrap(sealed);
      if (!rewrapped) return false;
      await writeInPlace(pathOf(sha256), rewrapped);
      return true;
    },
  };
}
