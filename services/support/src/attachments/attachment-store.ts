import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StoredBytes {
  sha256: string;
  sizeBytes: number;
}

/** Where attachment bytes live: outside the database, addressed by their SHA-256. */
export interface AttachmentStore {
  /** Keeps the bytes under their checksum; the same bytes sent twice are kept once. */
  put(bytes: Uint8Array): Promise<StoredBytes>;
  /** The bytes kept under a checksum, or null when the store has none. */
  read(sha256: string): Promise<ReadStream | null>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A content-addressed folder: `<dir>/<first two hex digits>/<sha256>`. Bytes are written to a
 * temporary file and renamed into place, so a reader never sees half a file and a crash leaves
 * at most a stray temporary file.
 */
export function createFileAttachmentStore(dir: string): AttachmentStore {
  const pathOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);

  async function isStored(file: string, sizeBytes: number) {
    try {
      return (await stat(file)).size === sizeBytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const file = pathOf(sha256);
      if (await isStored(file, bytes.byteLength)) return { sha256, sizeBytes: bytes.byteLength };
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        const handle = await open(temporary, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { sha256, sizeBytes: bytes.byteLength };
    },

    async read(sha256) {
      // The checksum names a file: anything but 64 hex digits could name a path outside the store.
      if (!sha256Pattern.test(sha256)) return null;
      try {
        // Checked first, so a missing file is a null here rather than an error mid-response. A
        // path stream (not a FileHandle's) closes its descriptor even when destroyed unread, as
        // when the caller hangs up before the download starts.
        await access(pathOf(sha256));
        return createReadStream(pathOf(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
