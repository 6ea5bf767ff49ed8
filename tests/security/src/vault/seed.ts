import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface VaultPeople {
  homeCustomer: string;
  homeExpert: string;
  otherCustomer: string;
  ops: string;
}

export const homeCustomerId = 'home-co';
export const homeExpertId = 'home-expert';
export const otherCustomerId = 'other-co';
export const otherExpertId = 'other-expert';

/** What home-co hands over: strings found nowhere else, the secret above all. */
export const homeAccess = { system: 'Home: GitHub', login: 'admin@home-co.example', secret: 'home-secret-Zürich-7f3a9c', notes: 'Home: 2FA backup codes 9917-4410' };
const homeDeployKey = { system: 'Home: AWS console', login: 'deploy@home-co.example', secret: 'home-secret-aws-51be02' };

/** Projects the vault learned of from projects' events: the home one open, an earlier one ended. */
export interface KnownProjects {
  home: string;
  homeEnded: string;
  other: string;
}

/**
 * The home tenant's credentials, told through the API as its people would: home-co hands two over
 * on its project; its expert and ops reveal one, each with a reason; home-co revokes the other.
 * The foreign tenant hands one over on its own project, so its lists are not trivially empty.
 */
export async function seedVaultTenants(call: Call, people: VaultPeople, projects: KnownProjects): Promise<HomeTenant> {
  const { homeCustomer, homeExpert, otherCustomer, ops } = people;
  await call(otherCustomer, 'POST', `/projects/${projects.other}/credentials`, { system: 'Other: Jira', login: 'root@other-co.example', secret: 'other-secret-1' });

  const credential = await call<{ id: string }>(homeCustomer, 'POST', `/projects/${projects.home}/credentials`, homeAccess);
  await call(homeExpert, 'POST', `/credentials/${credential.id}/reveal`, { reason: 'Home: set up the CI pipeline' });
  await call(ops, 'POST', `/credentials/${credential.id}/reveal`, { reason: 'Home: expert locked out' });
  const revoked = await call<{ id: string }>(homeCustomer, 'POST', `/projects/${projects.home}/credentials`, homeDeployKey);
  await call(homeCustomer, 'POST', `/credentials/${revoked.id}/revocation`);

  return {
    records: {
      projectId: { value: projects.home, tenancy: 'home' },
      'credentials.id': { value: credential.id, tenancy: 'home' },
    },
    states: {
      revoked: { 'credentials.id': { value: revoked.id, tenancy: 'home' } },
      'project ended': { projectId: { value: projects.homeEnded, tenancy: 'home' } },
    },
    defaultState: 'active',
    markers: [
      ...[projects.home, projects.homeEnded, credential.id, revoked.id, homeCustomerId],
      ...Object.values(homeAccess),
      ...Object.values(homeDeployKey),
      'Home: set up the CI pipeline',
      'Home: expert locked out',
    ],
  };
}
