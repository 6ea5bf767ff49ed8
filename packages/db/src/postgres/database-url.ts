/** Where `npm run db:migrate` and the Prisma CLI point when DATABASE_URL is not set. */
export const localDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/guild';

/** The same server and credentials, another database. */
export function databaseUrlFor(serverUrl: string, databaseName: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}

export function databaseNameIn(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`The database URL ${redactPassword(databaseUrl)} names no database.`);
  return name;
}

/** For log lines: a URL without its password. */
export function redactPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
