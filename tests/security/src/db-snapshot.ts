import type { PrismaClient } from '@guild/db';

interface TableState {
  rows: number;
  homeRows: number;
  /** md5 of the home tenant's rows, ordered. */
  homeMd5: string;
  /** md5 of every row, to tell rows that changed or went away. */
  digests: string[];
}

export type Snapshot = Map<string, TableState>;

/** Each table's name, and the same quoted for SQL (`format('%I.%I')`) and as a literal (`%L`). */
function tablesOf(prisma: PrismaClient, schemas: string[]) {
  return prisma.$queryRawUnsafe<{ identifier: string; literal: string }[]>(
    `SELECT format('%I.%I', table_schema, table_name) AS identifier, format('%L', table_schema || '.' || table_name) AS literal
     FROM information_schema.tables WHERE table_schema = ANY($1::text[]) AND table_type = 'BASE TABLE' ORDER BY 1`,
    schemas,
  );
}

/**
 * Every table of the service's schemas in one query: its row count, and the count and md5 of the
 * rows that belong to the home tenant — those whose text holds one of its markers (its customer
 * id, query ids, emails…), which catches rows that refer to its records through any column.
 */
export async function snapshotTables(prisma: PrismaClient, schemas: string[], markers: string[]): Promise<Snapshot> {
  const tables = await tablesOf(prisma, schemas);
  const perTable = tables.map(
    ({ identifier, literal }) => `SELECT ${literal} AS "table", count(*)::int AS rows,
       (count(*) FILTER (WHERE home))::int AS "homeRows",
       md5(coalesce(string_agg(row, E'\\n' ORDER BY row) FILTER (WHERE home), '')) AS "homeMd5",
       coalesce(array_agg(md5(row)), '{}') AS digests
     FROM (SELECT t::text AS row, EXISTS (SELECT 1 FROM unnest($1::text[]) AS m WHERE strpos(t::text, m) > 0) AS home
           FROM ${identifier} t) AS r`,
  );
  const rows = await prisma.$queryRawUnsafe<({ table: string } & TableState)[]>(perTable.join('\nUNION ALL\n'), markers);
  return new Map(rows.map(({ table, ...state }) => [table, state]));
}

/** Every row digest of a snapshot: the rows that existed when seeding ended. */
export const rowDigestsOf = (snapshot: Snapshot) => new Set([...snapshot.values()].flatMap((t) => t.digests));

/**
 * What changed between two snapshots that must not have: the home tenant's rows (added, changed,
 * removed), and any row that existed after seeding. New rows of the foreign tenant are its own.
 */
export function forbiddenChanges(before: Snapshot, after: Snapshot, seeded: Set<string>): string[] {
  const changes: string[] = [];
  for (const [table, was] of before) {
    const now = after.get(table);
    if (!now) {
      changes.push(`${table}: table gone`);
      continue;
    }
    if (was.homeRows !== now.homeRows || was.homeMd5 !== now.homeMd5) {
      changes.push(`${table}: home tenant rows ${was.homeRows} → ${now.homeRows} (md5 ${was.homeMd5} → ${now.homeMd5})`);
    }
    const remaining = new Set(now.digests);
    const gone = was.digests.filter((digest) => seeded.has(digest) && !remaining.has(digest));
    if (gone.length > 0) changes.push(`${table}: ${gone.length} seeded row(s) changed or deleted`);
  }
  return changes;
}
