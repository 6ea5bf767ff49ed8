import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, repoRoot } from './paths.js';

/**
 * Each workspace's vitest writes a JSON report beside its own output (vitest resolves the path
 * against the workspace), and the totals are summed from those files.
 */
const reportInWorkspace = path.join('.data', 'vitest-report.json');
export const reportsDir = path.join(dataDir, 'test-reports');

/** Appended to every workspace's `vitest run` through `turbo run test -- …`. */
export const vitestReportArgs = ['--reporter=default', '--reporter=json', `--outputFile.json=${reportInWorkspace}`];

interface Workspace {
  name: string;
  dir: string;
}

interface VitestJsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

export interface Totals {
  files: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that failed without a failing test: an import or set-up error. */
  brokenFiles: number;
}

/** Workspaces with a `test` script, from the root package.json's `workspaces` globs. */
export async function testedWorkspaces(): Promise<Workspace[]> {
  const { workspaces = [] } = readJson<{ workspaces?: string[] }>(path.join(repoRoot, 'package.json'));
  const dirs: string[] = [];
  for (const pattern of workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = path.join(repoRoot, pattern.slice(0, -2));
      if (existsSync(parent)) dirs.push(...(await readdir(parent)).sort().map((d) => path.join(parent, d)));
    } else {
      dirs.push(path.join(repoRoot, pattern));
    }
  }
  return dirs
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: readJson<{ name?: string; scripts?: Record<string, string> }>(path.join(dir, 'package.json')) }))
    .filter(({ manifest }) => manifest.scripts?.test)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name ?? path.basename(dir) }));
}

/** Reports of an earlier run must not count in this one. */
export async function clearReports(workspaces: Workspace[]): Promise<void> {
  await rm(reportsDir, { recursive: true, force: true });
  await Promise.all(workspaces.map((w) => rm(path.join(w.dir, reportInWorkspace), { force: true })));
}

/** Prints one line per workspace and returns the sums; reports are gathered into .data/test-reports/. */
export async function summarizeReports(workspaces: Workspace[]): Promise<Totals> {
  await mkdir(reportsDir, { recursive: true });
  const sum: Totals = { files: 0, passed: 0, failed: 0, skipped: 0, brokenFiles: 0 };
  const width = Math.max(...workspaces.map((w) => w.name.length));
  console.log('\nTests per workspace:');
  for (const workspace of workspaces) {
    const file = path.join(workspace.dir, reportInWorkspace);
    if (!existsSync(file)) {
      console.log(`  ${workspace.name.padEnd(width)}  no report: its tests did not run (see the output above)`);
      continue;
    }
    await copyFile(file, path.join(reportsDir, `${path.basename(workspace.dir)}.json`));
    const totals = totalsOf(readJson<VitestJsonReport>(file));
    sum.files += totals.files;
    sum.passed += totals.passed;
    sum.failed += totals.failed;
    sum.skipped += totals.skipped;
    sum.brokenFiles += totals.brokenFiles;
    const broken = totals.brokenFiles ? `  ${totals.brokenFiles} file(s) failed to run` : '';
    const noFiles = totals.files === 0 ? '  no test files (vitest fails on that: add tests, or passWithNoTests in its vitest config)' : '';
    console.log(`  ${workspace.name.padEnd(width)}  ${String(totals.passed).padStart(4)} passed  ${String(totals.failed).padStart(3)} failed  ${String(totals.skipped).padStart(3)} skipped${broken}${noFiles}`);
  }
  return sum;
}

function totalsOf(report: VitestJsonReport): Totals {
  return {
    files: report.testResults.length,
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
    brokenFiles: report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')).length,
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
