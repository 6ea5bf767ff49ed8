import path from 'node:path';
import { writeNextMigration } from '../authoring/write-next-migration.js';
import { migrationsDir, schemaPath } from '../paths.js';

// Usage: npm run db:new-migration -- <name>   (writes prisma/migrations/<timestamp>_<name>/migration.sql)
const name = process.argv[2];
if (!name) {
  console.error('Usage: npm run db:new-migration -- <name>   e.g. add_invoices');
  process.exit(1);
}

try {
  const folder = await writeNextMigration({ name, migrationsDir, schemaPath, at: new Date() });
  if (folder === null) {
    console.log('prisma/schema.prisma has not changed since the last migration: nothing written.');
  } else {
    console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}`);
    console.log('Review the SQL, then apply it with `npm run db:migrate`.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
