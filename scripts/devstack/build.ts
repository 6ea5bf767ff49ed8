import { run } from './run.js';
import { fail, say } from './steps.js';

/** turbo, quietly: no telemetry notice, no update nag. */
export function turboEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', ...extra };
}

/** Builds every workspace; turbo's cache makes a second run rebuild only what changed. */
export async function buildAll(): Promise<void> {
  say('build', 'turbo run build (cached: only what changed is rebuilt)');
  const status = await run('turbo', ['run', 'build', '--output-logs=errors-only'], { env: turboEnv() });
  if (status !== 0) fail('build', `turbo run build failed (exit ${status})`, 'fix the errors printed above, then run again');
}
