import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { searchAttributeTypes } from '../../workflows/src/search-attributes.js';
import { temporalDynamicConfig } from './temporal.js';
import { repoRoot } from './paths.js';
import { capture, run } from './run.js';
import { fail, say } from './steps.js';

/**
 * Validates docker-compose.yml (it cannot run here: no Docker engine). Uses `docker-compose`, else
 * `docker compose`, else installs Debian's docker-compose when we are root.
 */
export async function validateCompose(env: NodeJS.ProcessEnv, appVariables: string[]): Promise<void> {
  const compose = await findCompose();
  say('compose', `${compose.join(' ')} config -q`);
  // What a deployment must supply (`${NAME:?…}` in the file) gets a placeholder, so the parser checks everything else.
  const text = await readFile(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
  const deploymentSecrets = Object.fromEntries([...text.matchAll(/\$\{(\w+):\?/g)].map((m) => [m[1]!, 'validation-only']));
  const status = await run(compose[0]!, [...compose.slice(1), 'config', '-q'], { env: { ...deploymentSecrets, ...env } });
  if (status !== 0) fail('compose', `docker-compose.yml is not valid (exit ${status})`, 'fix the error printed above');
  checkSameAsNpmStart(text, appVariables);
  await checkSameTemporalSettings();
  say('compose', 'docker-compose.yml is valid and gives the app the same variables and search attributes as npm start');
}

/** The compose file repeats two lists by hand; they must not drift from the code's. */
function checkSameAsNpmStart(text: string, appVariables: string[]): void {
  const appEnv = /environment: &app-env\n((?: {4}\w+:.*\n)+)/.exec(text)?.[1] ?? '';
  const composeVariables = new Set([...appEnv.matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]));
  // A key only one service needs (support's attachment keys, the vault's master keys) is given to that service alone.
  const serviceVariables = new Set([...text.matchAll(/^ {6}(\w+):/gm)].map((m) => m[1]));
  const given = (name: string) => composeVariables.has(name) || serviceVariables.has(name) || serviceVariables.has(`${name}_FILE`);
  // JWT_SECRET enables HS256 dev tokens: local only, deliberately absent from a deployment.
  const missing = appVariables.filter((name) => name !== 'JWT_SECRET' && !given(name));
  if (missing.length) {
    fail('compose', `docker-compose.yml gives no service ${missing.join(', ')}, which npm start gives the app`, 'add them to the &app-env block, or to the one service that needs them');
  }
  const expected = Object.entries(searchAttributeTypes).map(([name, type]) => `${name}:${type}`).join(' ');
  const listed = /for attribute in ([^;]+);/.exec(text)?.[1]?.trim();
  if (listed !== expected) {
    fail('compose', `the search attributes in docker-compose.yml (${listed ?? 'none'}) differ from workflows/src/search-attributes.ts (${expected})`, 'make the `for attribute in …` list of temporal-namespace match');
  }
}

async function findCompose(): Promise<string[]> {
  if ((await capture('docker-compose', ['version'])).status === 0) return ['docker-compose'];
  if ((await capture('docker', ['compose', 'version'])).status === 0) return ['docker', 'compose'];
  const remedy = 'install it (Debian: sudo apt-get update && sudo apt-get install -y docker-compose), or Docker Compose v2, then run again';
  if (process.getuid?.() !== 0) fail('compose', 'neither docker-compose nor `docker compose` is installed', remedy);
  say('compose', 'docker-compose is missing; installing it: apt-get update && apt-get install -y docker-compose');
  const quiet = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, quiet: true };
  const installed = (await run('apt-get', ['update'], quiet)) === 0 && (await run('apt-get', ['install', '-y', 'docker-compose'], quiet)) === 0;
  if (!installed || (await capture('docker-compose', ['version'])).status !== 0) fail('compose', 'apt-get could not install docker-compose', remedy);
  return ['docker-compose'];
}

/** The deployment's Temporal gets the dev server's settings (deploy/temporal-dynamic-config.yaml). */
async function checkSameTemporalSettings(): Promise<void> {
  const file = 'deploy/temporal-dynamic-config.yaml';
  const text = await readFile(path.join(repoRoot, file), 'utf8');
  const given = Object.fromEntries([...text.matchAll(/^([\w.]+):\n\s+- value: (.+)$/gm)].map((m) => [m[1]!, JSON.parse(m[2]!) as unknown]));
  const expected = JSON.stringify(Object.entries(temporalDynamicConfig).sort());
  if (JSON.stringify(Object.entries(given).sort()) !== expected) {
    fail('compose', `${file} (${JSON.stringify(given)}) differs from the dev server's settings in scripts/devstack/temporal.ts (${JSON.stringify(temporalDynamicConfig)})`, `make ${file} match temporalDynamicConfig`);
  }
}
