import express, { type Request, type Response } from 'express';
import { uploadSentAsJson, uploadWithoutFile } from '../domain/support-errors.js';

/**
 * The raw bytes of an uploaded file, read only once the caller is known to be allowed to upload.
 * The platform's JSON parser runs before every route, and the registrar has no per-route body
 * parser, so the raw parser runs here: a declared length over the limit is refused before
 * anything is read, a body that grows past it is cut off, both as 413 `payload_too_large`.
 */
export async function readUploadedFile(req: Request, res: Response, maxBytes: number): Promise<Buffer> {
  if (req.is('application/json') && !Buffer.isBuffer(req.body)) {
    throw uploadSentAsJson();
  }
  const parseRaw = express.raw({ limit: maxBytes, type: () => true });
  await new Promise<void>((resolve, reject) => {
    void parseRaw(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
  const bytes: unknown = req.body;
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw uploadWithoutFile();
  return bytes;
}
