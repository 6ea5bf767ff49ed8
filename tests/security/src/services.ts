import { startBilling } from './billing/start.js';
import { startIdentity } from './identity/start.js';
import { startMarketplace } from './marketplace/start.js';
import { startPayouts } from './payouts/start.js';
import { startProjects } from './projects/start.js';
import type { ServiceUnderTest } from './service-under-test.js';
import { startSales } from './sales/start.js';
import { startSupport } from './support/start.js';
import { startVault } from './vault/start.js';

/** Every service both suites cover: a new service is one line here, with its seed, start and pin. */
const starters: Record<string, () => Promise<ServiceUnderTest>> = {
  support: startSupport,
  identity: startIdentity,
  projects: startProjects,
  billing: startBilling,
  payouts: startPayouts,
  vault: startVault,
  marketplace: startMarketplace,
  sales: startSales,
};

/**
 * The services under test, each started and seeded on a database of its own. `SECURITY_SERVICES`
 * (`projects,billing`) narrows a local run to some of them; an unknown name fails rather than
 * testing nothing.
 */
export async function startServicesUnderTest(): Promise<ServiceUnderTest[]> {
  const names = process.env['SECURITY_SERVICES']?.split(',').map((name) => name.trim()).filter(Boolean) ?? Object.keys(starters);
  const unknown = names.filter((name) => !starters[name]);
  if (unknown.length > 0) throw new Error(`SECURITY_SERVICES names unknown services: ${unknown.join(', ')} (known: ${Object.keys(starters).join(', ')})`);
  // All at once (startup is most of the suites' time); a failure names its service, and closes the others.
  const results = await Promise.allSettled(names.map((name) => starters[name]!()));
  const failed = results.flatMap((result, i) => (result.status === 'rejected' ? [`${names[i]}: ${String(result.reason instanceof Error ? result.reason.stack : result.reason)}`] : []));
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (failed.length === 0) return started;
  await Promise.all(started.map((service) => service.close()));
  throw new Error(`starting the services under test failed:\n${failed.join('\n')}`);
}
