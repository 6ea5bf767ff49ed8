import { randomUUID } from 'node:crypto';
import type { Attachment, PrismaClient } from '@guild/db';
import type { AttachmentStore } from './attachment-store.js';

export interface AttachedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** What a file is attached to: the query, and the customer's follow-up it came with, if any. */
export interface AttachmentOwner {
  queryId: string;
  messageId: string | null;
}

/**
 * Keeps a file's bytes in the store, then lists it on the query. The bytes go first: a crash in
 * between leaves unlisted bytes, never a listed file without bytes.
 */
export async function recordAttachment(prisma: PrismaClient, store: AttachmentStore, owner: AttachmentOwner, file: AttachedFile): Promise<Attachment> {
  const { sha256, sizeBytes } = await store.put(file.bytes);
  return prisma.attachment.create({
    data: { id: randomUUID(), queryId: owner.queryId, messageId: owner.messageId, filename: file.filename, contentType: file.contentType, sizeBytes, sha256 },
  });
}

/**
 * The files of one inbound mail. A mail delivered again lists each file once: files already listed
 * for the same owner (same name, same bytes) are skipped, so a redelivery also completes a mail
 * whose files were cut short.
 */
export async function recordMailAttachments(prisma: PrismaClient, store: AttachmentStore, owner: AttachmentOwner, files: AttachedFile[]) {
  const listed = await prisma.attachment.findMany({ where: { queryId: owner.queryId, messageId: owner.messageId } });
  const seen = new Set(listed.map((a) => `${a.sha256}/${a.filename}`));
  for (const file of files) {
    const { sha256, sizeBytes } = await store.put(file.bytes);
    const key = `${sha256}/${file.filename}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await prisma.attachment.create({
      data: { id: randomUUID(), queryId: owner.queryId, messageId: owner.messageId, filename: file.filename, contentType: file.contentType, sizeBytes, sha256 },
    });
  }
}

/** A file name as sent, without the folders some clients put in front of it; null when nothing is left. */
export function fileNameOf(name: string | undefined | null): string | null {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/\p{Cc}/gu, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? null : clean.slice(0, 255);
}

const mediaType = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;

/** The media type a file was sent with, or `application/octet-stream` when it names none. */
export function contentTypeOf(value: string | undefined | null): string {
  const trimmed = (value ?? '').trim();
  if (!mediaType.test(trimmed) || trimmed.length > 200) return 'application/octet-stream';
  const [type = '', ...params] = trimmed.split(';');
  return [type.trim().toLowerCase(), ...params.map((p) => p.trim())].join('; ');
}

export function toAttachmentView(a: Attachment) {
  return { id: a.id, filename: a.filename, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256, createdAt: a.createdAt.toISOString() };
}
