import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { workflowsPath } from './temporal.js';

// The determinism lint must hold for every file the workflow bundle contains, whatever its name.
// This walks the bundle's imports from its entry (type-only imports are erased, so not followed)
// and asks ESLint which rules each file gets.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtureEntry = fileURLToPath(new URL('./fixtures/codec-echo-workflow.ts', import.meta.url));

function runtimeImportsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

function bundledFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(repoRoot, file)} is imported but does not exist`);
    seen.add(file);
    runtimeImportsOf(file).forEach(visit);
  };
  visit(entry);
  return [...seen].map((f) => relative(repoRoot, f)).sort();
}

const messagesOf = (rule: unknown): string => JSON.stringify(rule ?? null);

describe('determinism lint of the workflow bundle', () => {
  const files = [...bundledFiles(workflowsPath), ...bundledFiles(fixtureEntry)];

  it('finds the files the workflows import, not only the files named workflow.ts', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'workflows/src/workflows.ts',
        'workflows/src/support-query/workflow.ts',
        'workflows/src/support-query/clocks.ts',
        'workflows/src/support-query/tracked-query.ts',
        'workflows/src/shared/business-hours.ts',
        'workflows/src/shared/activity-presets.ts',
        'workflows/test/fixtures/codec-echo-workflow.ts',
      ]),
    );
    expect(files).not.toContain('workflows/src/support-query/activities.ts');
  });

  it('every bundled file gets the determinism rules', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const uncovered: string[] = [];
    for (const file of files) {
      const { rules } = (await eslint.calculateConfigForFile(resolve(repoRoot, file))) as { rules: Record<string, unknown> };
      const covered =
        messagesOf(rules['no-restricted-imports']).includes('no Node builtins') &&
        messagesOf(rules['no-restricted-imports']).includes('do I/O in activities') &&
        messagesOf(rules['no-restricted-globals']).includes('setTimeout') &&
        messagesOf(rules['no-restricted-properties']).includes('uuid4()');
      if (!covered) uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });
});
