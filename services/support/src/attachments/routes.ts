import { pipeline } from 'node:stream/promises';
import { queryViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleQuery } from '../domain/find-query.js';
import type { AttachmentStore } from './attachment-store.js';
import { readUploadedFile } from './read-upload.js';
import { contentTypeOf, fileNameOf, recordAttachment, toAttachmentView } from './record-attachment.js';
import { attachmentNotFound, queryClosed } from '../domain/support-errors.js';

export interface AttachmentSettings {
  store: AttachmentStore;
  /** Largest file accepted, in bytes; larger uploads get 413. */
  maxBytes: number;
}

const attachmentViewSchema = queryViewSchema.shape.attachments.element;

const uploadQuerySchema = z.object({
  filename: z
    .string()
    .max(1_000)
    .transform((name, ctx) => {
      const clean = fileNameOf(name);
      if (clean !== null) return clean;
      ctx.addIssue({ code: 'custom', message: 'name the file, e.g. ?filename=crash.log' });
      return z.NEVER;
    })
    .describe('The file name shown on the query, e.g. crash.log'),
});

const attachmentParamsSchema = z.object({ id: z.uuid(), attachmentId: z.uuid() });

/** Logs, screenshots and dumps sent with a query: kept by checksum, visible like the query itself. */
export function registerAttachmentRoutes(r: RouteRegistrar, { prisma, store, maxBytes }: { prisma: PrismaClient } & AttachmentSettings) {
  r.route({
    method: 'post',
    path: '/queries/:id/attachments',
    idempotent: true,
    summary: 'Attach a file to a query (the customer who asked, the assigned expert)',
    description:
      `The body is the file itself, sent with its own Content-Type (JSON files as application/octet-stream), ` +
      `up to ${maxBytes} bytes; larger files get 413 \`payload_too_large\`. The name comes in \`?filename=\`.`,
    tags: ['attachments'],
    roles: ['customer', 'expert'],
    params: z.object({ id: z.uuid() }),
    query: uploadQuerySchema,
    response: attachmentViewSchema,
    status: 201,
    handler: async ({ params, query, principal, req, res, log }) => {
      const target = await findVisibleQuery(prisma, principal, params.id);
      if (target.status === 'resolved' || target.status === 'closed') {
        throw queryClosed(target.status, 'files');
      }
      const bytes = await readUploadedFile(req, res, maxBytes);
      const attachment = await recordAttachment(prisma, store, { queryId: target.id, messageId: null }, {
        filename: query.filename,
        contentType: contentTypeOf(req.get('content-type')),
        bytes,
      });
      log.info({ queryId: target.id, attachmentId: attachment.id, sizeBytes: attachment.sizeBytes }, 'attachment stored');
      return toAttachmentView(attachment);
    },
  });

  r.route({
    method: 'get',
    path: '/queries/:id/attachments/:attachmentId',
    summary: "Download a query's file",
    description: 'Streams the bytes with the content type they were sent with. Visible to whoever may read the query; anyone else gets 404.',
    tags: ['attachments'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: attachmentParamsSchema,
    response: z.unknown().describe("the file's bytes"),
    handler: async ({ params, principal, res }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const attachment = query.attachments.find((a) => a.id === params.attachmentId);
      if (!attachment) throw attachmentNotFound();
      const bytes = await store.read(attachment.sha256);
      if (!bytes) throw new Error(`the bytes of attachment ${attachment.id} (sha256 ${attachment.sha256}) are missing from the store`);
      res.status(200);
      res.attachment(attachment.filename);
      // setHeader, not res.set: the type goes out exactly as it came in, without an added charset.
      res.setHeader('content-type', attachment.contentType);
      res.setHeader('content-length', attachment.sizeBytes);
      // Files come from customers: never let a browser run one as a page of this origin.
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('content-security-policy', "default-src 'none'; sandbox");
      try {
        await pipeline(bytes, res);
      } catch (error) {
        // A caller who hangs up mid-download is no server failure.
        if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      }
    },
  });
}
