/** Prisma's folder name: UTC `yyyyMMddHHmmss_snake_name`, so folders sort in the order they were written. */
export function migrationFolderName(name: string, at: Date): string {
  const snakeName = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!snakeName) throw new Error(`"${name}" is not a usable migration name: use letters and digits, e.g. add_invoices.`);
  const timestamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${timestamp}_${snakeName}`;
}
