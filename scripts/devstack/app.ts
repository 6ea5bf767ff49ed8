import { ensurePortFree } from './ports.js';
import { httpAnswers, waitUntil } from './probes.js';
import { type AppPlacement, appProcessSpecs, httpServices, serviceUrl } from './services.js';
import { fail, say } from './steps.js';
import type { Supervisor } from './supervisor.js';

/**
 * Starts every app process and waits until each HTTP service answers /healthz. A placement moves
 * the ports and the output (the benchmarks run a copy beside `npm start`).
 */
export async function startApp(env: Record<string, string>, supervisor: Supervisor, placement: AppPlacement = {}): Promise<void> {
  const portShift = placement.portShift ?? 0;
  const specs = appProcessSpecs(env, placement);
  await Promise.all(httpServices.map((s) => ensurePortFree(s.name, s.port + portShift, 'or change its port in scripts/devstack/services.ts')));
  say('app', `starting ${specs.map((s) => s.name).join(', ')}`);
  supervisor.start(specs);
  await Promise.all(
    httpServices.map(async (service) => {
      const url = `${serviceUrl(service, portShift)}/healthz`;
      const answered = await waitUntil(() => httpAnswers(url), { timeoutMs: 60_000, gaveUp: () => supervisor.exitOf(service.name) });
      if (!answered.ok) fail(service.name, `${url} does not answer: ${answered.reason}`, 'read its output above, fix it, and run npm start again');
      say(service.name, `healthy at ${serviceUrl(service, portShift)}`);
    }),
  );
  // The servers started before the app, and the app's processes without a health check.
  const departed = supervisor.firstDeparted();
  if (departed) fail('start', departed, 'read its output above (or its log under .data/logs/), fix it, and run npm start again');
}
