import express, { type Request, type Response } from 'express';
import { AppError, badRequest } from '@guild/platform';

/**
 * The raw bytes of an uploaded file, read only once the caller is known to be allowed to upload.
 * The platform's JSON parser runs before every route, and the registrar has no per-route body
 * parser, so the raw parser runs here: a declared length over the limit is refused before
 * anything is read, a body that grows past it is cut off, both as 413 `payload_too_large`.
 */
export async function readUploadedFile(req: Request, res: Response, maxBytes: number): Promise<Buffer> {
  if (req.is('application/json') && !Buffer.isBuffer(req.body)) {
    // The JSON parser has already consumed it, and its bytes are gone.
    throw new AppError('unsupported_media_type', {
      status: 415,
      message: 'send a JSON file as application/octet-stream; the file name keeps its kind',
    });
  }
  const parseRaw = express.raw({ limit: maxBytes, type: () => true });
  await new Promise<void>((resolve, reject) => {
    void parseRaw(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw badRequest('the request carries no file: send its bytes as the body');
  return bytes;
}
