import pg from 'pg';

/** Read-only checks on the stack's database: what was recorded, and when the clocks fired. */
export async function withDatabase<T>(databaseUrl: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many of these ids are rows of the table. */
export async function countRecorded(databaseUrl: string, table: 'support.query' | 'support.query_reply', ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return withDatabase(databaseUrl, async (db) => Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows[0].n));
}
