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
  // One after another: seeding is the arrange step, and a failure names the service it came from.
  const started: ServiceUnderTest[] = [];
  for (const name of names) started.push(await starters[name]!());
  return started;
}
