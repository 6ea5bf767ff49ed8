import { randomUUID } from 'node:crypto';
import type { FaqEntryBody, FaqEntryView } from '@guild/contracts';
import type { FaqEntry, PrismaClient } from '@guild/db';
import { invalidCursor } from '@guild/platform';
import { faqEntryNotFound } from '../domain/support-errors.js';

export function toFaqEntryView(entry: FaqEntry): FaqEntryView {
  return {
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

export async function addFaqEntry(prisma: PrismaClient, body: FaqEntryBody, createdBy: string) {
  return prisma.faqEntry.create({ data: { id: randomUUID(), question: body.question, answer: body.answer, createdBy } });
}

export async function changeFaqEntry(prisma: PrismaClient, id: string, body: FaqEntryBody) {
  const { count } = await prisma.faqEntry.updateMany({ where: { id }, data: { question: body.question, answer: body.answer } });
  if (count === 0) throw faqEntryNotFound();
  return prisma.faqEntry.findUniqueOrThrow({ where: { id } });
}

export async function removeFaqEntry(prisma: PrismaClient, id: string) {
  const { count } = await prisma.faqEntry.deleteMany({ where: { id } });
  if (count === 0) throw faqEntryNotFound();
}

/** The quick sheet in the order ops wrote it, a page at a time. */
export async function listFaqEntries(prisma: PrismaClient, page: { limit: number; cursor?: string | undefined }) {
  if (page.cursor && (await prisma.faqEntry.count({ where: { id: page.cursor } })) === 0) throw invalidCursor();
  const rows = await prisma.faqEntry.findMany({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit);
  return { items: items.map(toFaqEntryView), nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
