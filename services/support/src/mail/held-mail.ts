import { randomUUID } from 'node:crypto';
import type { HeldInboundMail, PrismaClient } from '@guild/db';
import { invalidCursor } from '@guild/platform';
import type { AttachmentStore } from '../attachments/attachment-store.js';
import type { Sealer } from '@guild/platform';
import { heldMailDecided, heldMailNotFound } from '../domain/support-errors.js';
import { receiveInboundMail, type AttachmentCaps } from './inbound-routing.js';
import { parseInboundMail, type InboundMail, type SmtpEnvelope } from './parse-inbound-mail.js';
import type { SenderAuthResults } from './verify-sender.js';

/** What a held row keeps besides the sealed mail: the verdicts, and the envelope a release routes by. */
interface HeldDetails {
  verdict: SenderAuthResults & { reason: string };
  envelope: SmtpEnvelope;
}

const sealContext = (id: string) => `held-mail:${id}`;

/**
 * A mail whose sender could not be proven for its From domain: it opens and appends nothing, and
 * is kept — sealed like attachments — until ops release or discard it.
 */
export async function holdInboundMail(
  prisma: PrismaClient,
  sealer: Sealer,
  held: { raw: Buffer; mail: InboundMail; envelope: SmtpEnvelope; remoteIp: string; verdict: HeldDetails['verdict'] },
) {
  const id = randomUUID();
  const details: HeldDetails = { verdict: held.verdict, envelope: held.envelope };
  return prisma.heldInboundMail.create({
    data: {
      id,
      fromAddress: held.mail.from,
      subject: held.mail.subject.slice(0, 200) || null,
      remoteIp: held.remoteIp,
      sealedRaw: sealer.seal(held.raw, sealContext(id)),
      authResults: details as object,
    },
  });
}

export interface ReleaseDeps {
  prisma: PrismaClient;
  store: AttachmentStore;
  sealer: Sealer;
  maxAttachmentBytes: number;
  caps: AttachmentCaps;
}

/**
 * Ops vouch for a held mail: it is routed as if its sender had been proven — a follow-up or a new
 * query, still only from a registered address of the customer — and marked released. Routing is
 * idempotent by Message-ID, so a release retried after a crash records the mail once.
 */
export async function releaseHeldMail(deps: ReleaseDeps, id: string, by: string, now = new Date()) {
  const held = await undecided(deps.prisma, id);
  const details = held.authResults as unknown as HeldDetails;
  const raw = deps.sealer.open(Buffer.from(held.sealedRaw), sealContext(id));
  const mail = await parseInboundMail(raw, details.envelope, deps.maxAttachmentBytes);
  const outcome = await receiveInboundMail(deps.prisma, deps.store, mail, deps.caps);
  await decide(deps.prisma, id, { status: 'released', decidedBy: by, decidedAt: now });
  return outcome;
}

/** Ops drop a held mail: its content is erased, the record of who sent what verdicts stays. */
export async function discardHeldMail(prisma: PrismaClient, id: string, by: string, now = new Date()) {
  await undecided(prisma, id);
  return decide(prisma, id, { status: 'discarded', decidedBy: by, decidedAt: now, sealedRaw: Buffer.alloc(0) });
}

async function undecided(prisma: PrismaClient, id: string) {
  const held = await prisma.heldInboundMail.findUnique({ where: { id } });
  if (!held) throw heldMailNotFound();
  if (held.status !== 'held') throw heldMailDecided(held.status);
  return held;
}

/** Only a held mail is decided, once: of two ops deciding at once, the second gets 409. */
async function decide(prisma: PrismaClient, id: string, data: Partial<Pick<HeldInboundMail, 'status' | 'decidedBy' | 'decidedAt' | 'sealedRaw'>>) {
  const { count } = await prisma.heldInboundMail.updateMany({ where: { id, status: 'held' }, data });
  if (count === 0) throw heldMailDecided((await prisma.heldInboundMail.findUniqueOrThrow({ where: { id } })).status);
  return prisma.heldInboundMail.findUniqueOrThrow({ where: { id } });
}

/** Held mail for ops, newest first; `status` picks held (default), released or discarded. */
export async function listHeldMail(prisma: PrismaClient, filter: { status: HeldInboundMail['status'] }, page: { limit: number; cursor?: string | undefined }) {
  if (page.cursor && (await prisma.heldInboundMail.count({ where: { id: page.cursor } })) === 0) throw invalidCursor();
  const rows = await prisma.heldInboundMail.findMany({
    where: { status: filter.status },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items: items.map(toHeldMailView), nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
}

export function toHeldMailView(held: HeldInboundMail) {
  const details = held.authResults as unknown as HeldDetails;
  return {
    id: held.id,
    fromAddress: held.fromAddress,
    subject: held.subject,
    remoteIp: held.remoteIp,
    reason: details.verdict.reason,
    spf: details.verdict.spf,
    dkim: details.verdict.dkim,
    dmarc: details.verdict.dmarc,
    status: held.status,
    receivedAt: held.receivedAt.toISOString(),
    decidedBy: held.decidedBy,
    decidedAt: held.decidedAt?.toISOString() ?? null,
  };
}
