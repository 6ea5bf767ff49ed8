import { queryViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { createMemoryRateLimiter, enforceRateLimits, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleQuery } from '../domain/find-query.js';
import type { AttachmentStore } from './attachment-store.js';
import type { Sealer } from '@guild/platform';
import { readUploadedFile } from './read-upload.js';
import { contentTypeOf, fileNameOf, recordAttachment, toAttachmentView } from './record-attachment.js';
import { attachmentNotFound, queryClosed, tooManyAttachments } from '../domain/support-errors.js';
import { rotateAttachmentKeys } from './rotate-keys.js';

export interface AttachmentSettings {
  store: AttachmentStore;
  /** The key ring's sealer: what key rotation re-wraps held mail with. */
  sealer: Sealer;
  /** Largest file accepted, in bytes; larger uploads get 413. */
  maxBytes: number;
  /** Files one inbound mail may bring (policy). */
  maxPerMail: number;
  /** Files a query may hold in all (policy); one more gets 409. */
  maxPerQuery: number;
  /** API uploads per account per hour; more get 429. */
  uploadsPerHour: number;
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

/** Logs, screenshots and dumps sent with a query: kept encrypted by checksum, visible like the query itself. */
export function registerAttachmentRoutes(r: RouteRegistrar, { prisma, store, sealer, maxBytes, maxPerQuery, uploadsPerHour }: { prisma: PrismaClient } & AttachmentSettings) {
  const uploads = createMemoryRateLimiter({ limit: uploadsPerHour, windowMs: 60 * 60_000 });
  r.route({
    method: 'post',
    path: '/queries/:id/attachments',
    idempotent: true,
    summary: 'Attach a file to a query (the customer who asked, the assigned expert)',
    description:
      `The body is the file itself, sent with its own Content-Type (JSON files as application/octet-stream), ` +
      `up to ${maxBytes} bytes; larger files get 413 \`payload_too_large\`. The name comes in \`?filename=\`. ` +
      `A query holds at most ${maxPerQuery} files (409 \`too_many_attachments\`); ${uploadsPerHour} uploads per account per hour (429).`,
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
      if (target.attachments.length >= maxPerQuery) throw tooManyAttachments(maxPerQuery);
      await enforceRateLimits(res, [[uploads, principal.subject]]);
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
      res.end(bytes);
    },
  });

  r.route({
    method: 'post',
    path: '/attachments/key-rotation',
    summary: "Re-wrap every file's data key (and held mail's) with the current attachment key (ops)",
    description:
      'After a new key is added to ATTACHMENT_KEYS and made current, this re-wraps what older keys wrapped; ' +
      'the files themselves are not re-encrypted. Once it reports nothing left under old keys, the old key can go.',
    tags: ['attachments'],
    roles: ['ops'],
    response: z.object({ rewrappedFiles: z.number().int(), rewrappedHeldMails: z.number().int(), currentKeyId: z.string() }),
    handler: async () => rotateAttachmentKeys(prisma, store, sealer),
  });
}
