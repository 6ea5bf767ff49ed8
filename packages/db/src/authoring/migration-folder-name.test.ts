import { describe, expect, it } from 'vitest';
import { migrationFolderName } from './migration-folder-name.js';

describe('migrationFolderName', () => {
  const at = new Date('2025-03-04T05:06:07.890Z');

  it('prefixes the UTC time as yyyyMMddHHmmss and writes the name in snake case', () => {
    expect(migrationFolderName('init', at)).toBe('20250304050607_init');
    expect(migrationFolderName('Add invoices-table', at)).toBe('20250304050607_add_invoices_table');
    expect(migrationFolderName('addSafeBalance', at)).toBe('20250304050607_add_safe_balance');
  });

  it('rejects a name with nothing usable in it', () => {
    expect(() => migrationFolderName('--', at)).toThrow(/not a usable migration name/);
  });
});
