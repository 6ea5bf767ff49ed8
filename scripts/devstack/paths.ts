import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root; every command runs from here. */
export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Machine-local state, git-ignored: secrets, the Temporal database, mail, logs, test reports. */
export const dataDir = path.join(repoRoot, '.data');

/** The project's own tools, Node 24 included (guild.sh puts this first on PATH). */
export const projectBin = path.join(repoRoot, 'node_modules', '.bin');

/** A path as the person at the terminal would type it from the repo root. */
export function shown(file: string): string {
  const relative = path.relative(repoRoot, file);
  return relative.startsWith('..') ? file : relative;
}
