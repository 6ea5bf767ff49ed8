import type { PrismaClient } from '@guild/db';
import type { AttachmentStore } from './attachment-store.js';
import type { Sealer } from '@guild/platform';

const batch = 500;

/**
 * Key rotation: re-wraps the data key of every stored file, and of every held mail, that an older
 * key wraps. Walks the files by checksum in batches, so it serves any number of files; running it
 * again finds nothing left to do.
 */
export async function rotateAttachmentKeys(prisma: PrismaClient, store: AttachmentStore, sealer: Sealer) {
  let rewrappedFiles = 0;
  let after: string | undefined;
  for (;;) {
    const files = await prisma.attachment.findMany({
      where: after ? { sha256: { gt: after } } : {},
      distinct: ['sha256'],
      orderBy: { sha256: 'asc' },
      select: { sha256: true },
      take: batch,
    });
    for (const { sha256 } of files) if (await store.rewrap(sha256)) rewrappedFiles += 1;
    if (files.length < batch) break;
    after = files.at(-1)!.sha256;
  }
  let rewrappedHeldMails = 0;
  for (const held of await prisma.heldInboundMail.findMany({ where: { status: 'held' }, select: { id: true, sealedRaw: true } })) {
    const rewrapped = sealer.rewrap(Buffer.from(held.sealedRaw));
    if (!rewrapped) continue;
    await prisma.heldInboundMail.update({ where: { id: held.id }, data: { sealedRaw: rewrapped } });
    rewrappedHeldMails += 1;
  }
  return { rewrappedFiles, rewrappedHeldMails, currentKeyId: sealer.currentKeyId };
}
