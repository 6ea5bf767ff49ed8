import { ensurePortFree } from './ports.js';
import { httpAnswers, waitUntil } from './probes.js';
import { appProcessSpecs, httpServices, serviceUrl } from './services.js';
import { fail, say } from './steps.js';
import type { Supervisor } from './supervisor.js';

/** Starts every app process and waits until each HTTP service answers /healthz. */
export async function startApp(env: Record<string, string>, supervisor: Supervisor): Promise<void> {
  const specs = appProcessSpecs(env);
  await Promise.all(httpServices.map((s) => ensurePortFree(s.name, s.port, 'or change its port in scripts/devstack/services.ts')));
  say('app', `starting ${specs.map((s) => s.name).join(', ')}`);
  supervisor.start(specs);
  await Promise.all(
    httpServices.map(async (service) => {
      const url = `${serviceUrl(service)}/healthz`;
      const answered = await waitUntil(() => httpAnswers(url), { timeoutMs: 60_000, gaveUp: () => supervisor.exitOf(service.name) });
      if (!answered.ok) fail(service.name, `${url} does not answer: ${answered.reason}`, 'read its output above, fix it, and run npm start again');
      say(service.name, `healthy at ${serviceUrl(service)}`);
    }),
  );
  // The servers started before the app, and the app's processes without a health check.
  const departed = supervisor.firstDeparted();
  if (departed) fail('start', departed, 'read its output above (or its log under .data/logs/), fix it, and run npm start again');
}
