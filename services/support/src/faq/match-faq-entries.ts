import { Prisma, type PrismaClient } from '@guild/db';

const topMatches = 5;

interface FaqMatch {
  id: string;
  question: string;
  answer: string;
  rank: number;
}

/**
 * The quick-sheet entries most like a query's text, best first, as suggestions for the expert.
 * First every word of the text (websearch syntax); a customer's whole text rarely matches that,
 * so then any of its words. Nothing here replies: the expert decides what to send.
 */
export async function matchFaqEntries(prisma: PrismaClient, text: string): Promise<FaqMatch[]> {
  const allWords = await rankedEntries(prisma, Prisma.sql`websearch_to_tsquery('english', ${text})`);
  if (allWords.length > 0) return allWords;
  const anyWord = await anyWordQuery(prisma, text);
  return anyWord ? rankedEntries(prisma, Prisma.sql`${anyWord}::tsquery`) : [];
}

// The document expression is the one `faq_entry_search_idx` indexes, so the GIN index serves `@@`.
function rankedEntries(prisma: PrismaClient, tsquery: Prisma.Sql) {
  return prisma.$queryRaw<FaqMatch[]>`
    SELECT e.id, e.question, e.answer, ts_rank(to_tsvector('english', e.question || ' ' || e.answer), q.query) AS rank
    FROM support.faq_entry e, (SELECT ${tsquery} AS query) q
    WHERE to_tsvector('english', e.question || ' ' || e.answer) @@ q.query
    ORDER BY rank DESC, e.id
    LIMIT ${topMatches}`;
}

/**
 * `'lexeme1' | 'lexeme2' | …` over the text's distinct lexemes, or null when it has none (only
 * stop words). The lexemes are already stemmed, so they are quoted and cast rather than passed
 * through to_tsquery again: stemming a stem can change it ('univers' → 'univ') and miss.
 */
async function anyWordQuery(prisma: PrismaClient, text: string): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ lexeme: string }[]>`SELECT lexeme FROM unnest(to_tsvector('english', ${text}))`;
  if (rows.length === 0) return null;
  return rows.map(({ lexeme }) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' | ');
}
