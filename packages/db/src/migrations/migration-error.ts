/** Why migrating stopped, and what the person running it should do about it. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly migrationName: string | undefined;
  readonly remedy: string;

  constructor(message: string, details: { migrationName?: string; remedy: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.migrationName = details.migrationName;
    this.remedy = details.remedy;
  }
}
