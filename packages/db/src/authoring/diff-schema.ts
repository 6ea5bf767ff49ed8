import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../paths.js';
import { localDatabaseUrl } from '../postgres/database-url.js';

// The workspace's own prisma CLI, wherever npm hoisted it.
const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build/index.js');

/**
 * The SQL that turns schema `from` (a .prisma file, or nothing) into schema `to`, or null when they match.
 * `prisma migrate diff` runs offline on the JS engine; without DATABASE_URL it would try to download one.
 */
export async function diffSchema(from: string | undefined, to: string): Promise<string | null> {
  const fromArgs = from ? ['--from-schema-datamodel', from] : ['--from-empty'];
  const args = ['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script', '--exit-code'];
  const { code, stdout, stderr } = await runPrisma(args);
  // --exit-code: 0 means no difference, 2 means a difference, anything else is an error.
  if (code === 0) return null;
  if (code === 2) return stdout;
  throw new Error(`prisma migrate diff failed (exit ${code}):\n${stderr}`);
}

function runPrisma(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: packageRoot,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? localDatabaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
