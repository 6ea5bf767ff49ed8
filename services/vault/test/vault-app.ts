import { randomBytes, randomUUID } from 'node:crypto';
import { projectCreated, projectEnded } from '@guild/contracts';
import { createTestDatabase, type TestDatabase } from '@guild/db/testing';
import { createSealer, type KeyRing } from '@guild/platform';
import { callerAs, captureLogs, customer, expert, ops, service, testJwtSecret } from '@guild/testkit';
import { loadVaultMasterKeys } from '../src/config.js';
import { followProject } from '../src/consumers/follow-projects.js';
import { createServer } from '../src/server.js';

/** A master key ring as `VAULT_MASTER_KEYS` lists it, e.g. `ringOf('k1', 'k2')`: the last one wraps. */
export function masterKeysText(...ids: string[]) {
  return ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');
}
export const ringFrom = (text: string, currentId?: string): KeyRing =>
  loadVaultMasterKeys({ VAULT_MASTER_KEYS: text, ...(currentId ? { VAULT_MASTER_KEY_ID: currentId } : {}) });

export const maxSecretBytes = 1024;

/** The vault on a database (a fresh one unless given), sealing under `ring`, every log line kept. */
export async function startVault(opts: { ring: KeyRing; db?: TestDatabase }) {
  const db = opts.db ?? (await createTestDatabase());
  const logs = captureLogs('vault-test', 'trace');
  const app = createServer({ prisma: db.prisma, logger: logs.logger, jwtSecret: testJwtSecret, readiness: {}, sealer: createSealer(opts.ring), maxSecretBytes });
  const follow = followProject(db.prisma);
  /** A project as projects announces it: `projects.project.created`, and `ended` when asked. */
  const knowProject = async (customerId: string, expertId: string, status: 'launching' | 'ended' = 'launching') => {
    const projectId = randomUUID();
    const at = new Date().toISOString();
    const envelope = { id: randomUUID(), version: 1, source: 'projects', occurredAt: at };
    await follow({
      ...envelope,
      subject: projectCreated.subject,
      payload: {
        projectId, customerId, expertId, customerRateCents: 9000, expertRateCents: 6000, currency: 'USD', talentRegion: 'eu_asia',
        billingMode: 'deposit', timeZone: 'Europe/Warsaw', weekStartDay: 'monday', createdAt: at,
      },
    });
    if (status === 'ended') await follow({ ...envelope, id: randomUUID(), subject: projectEnded.subject, payload: { projectId, customerId, expertId, at } });
    return projectId;
  };
  return { db, app, logs, as: callerAs(app), knowProject, follow };
}
export type Vault = Awaited<ReturnType<typeof startVault>>;

export const acme = customer('acme');
export const globex = customer('globex');
export const alice = expert('alice');
export const bob = expert('bob');
export { ops, service };

/** A credential as a customer hands it over, with a secret and notes unlike anything else in the database. */
export function toolAccess(system = 'GitHub') {
  const marker = randomBytes(9).toString('base64url');
  return { system, login: `admin-${marker.slice(0, 4)}@acme.test`, secret: `pw-${marker}-Zürich🔑`, notes: `2FA backup codes ${marker}-9917` };
}
