import { createSealer, SealBroken } from '@guild/platform';
import { captureLogs } from '@guild/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rotateKeysCommand } from '../src/cli/rotate-keys-command.js';
import { sealContextOf } from '../src/domain/sealing.js';
import { acme, alice, masterKeysText, ringFrom, startVault, toolAccess, type Vault } from './vault-app.js';

// Two master keys: k1 wraps everything at first; rotation makes k2 current and re-wraps.
const oldKey = masterKeysText('k1');
const newKey = masterKeysText('k2');

let vault: Vault;
beforeAll(async () => {
  vault = await startVault({ ring: ringFrom(oldKey) });
});
afterAll(async () => vault?.db.drop());

it('rotation re-wraps every data key under the newest master key; every secret stays readable and none needs the old key', async () => {
  const project = await vault.knowProject('acme', 'alice');
  const handed = [];
  for (const system of ['GitHub', 'AWS', 'Sentry']) {
    const access = toolAccess(system);
    const res = await vault.as(acme).post(`/projects/${project}/credentials`, access);
    handed.push({ id: res.body.id as string, access });
  }
  const revoked = await vault.as(acme).post(`/projects/${project}/credentials`, toolAccess('Slack'));
  await vault.as(acme).post(`/credentials/${revoked.body.id}/revocation`);
  expect(await vault.db.prisma.vaultCredential.count({ where: { masterKeyId: 'k1' } })).toBe(3);

  const logs = captureLogs('vault-rotate-keys');
  const env = { DATABASE_URL: vault.db.url, VAULT_MASTER_KEYS: `${oldKey},${newKey}` };
  expect(await rotateKeysCommand(env, logs.logger)).toEqual({ rewrapped: 3, currentKeyId: 'k2' });
  expect(await rotateKeysCommand(env, logs.logger)).toEqual({ rewrapped: 0, currentKeyId: 'k2' });

  const rows = await vault.db.prisma.vaultCredential.findMany({ where: { revokedAt: null } });
  expect(rows.map((r) => r.masterKeyId)).toEqual(['k2', 'k2', 'k2']);
  // No data key is wrapped by k1 any more: the old key alone opens none of them…
  const oldOnly = createSealer(ringFrom(oldKey));
  for (const row of rows) expect(() => oldOnly.open(Buffer.from(row.sealedSecret!), sealContextOf(row.id))).toThrow(SealBroken);
  // …and a vault that knows only the new key reveals every secret as handed over.
  const afterRotation = await startVault({ ring: ringFrom(newKey), db: vault.db });
  for (const { id, access } of handed) {
    const res = await afterRotation.as(alice).post(`/credentials/${id}/reveal`, { reason: 'after key rotation' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ secret: access.secret, notes: access.notes });
  }
  expect(logs.text()).toContain('"rewrapped":3');
  for (const { access } of handed) expect(logs.text()).not.toContain(access.secret);
});

it('a ring that no longer lists the key of a credential stops rotation and names the credential', async () => {
  const project = await vault.knowProject('acme', 'alice');
  const res = await vault.as(acme).post(`/projects/${project}/credentials`, toolAccess('Linear'));
  const env = { DATABASE_URL: vault.db.url, VAULT_MASTER_KEYS: masterKeysText('k3') };
  await expect(rotateKeysCommand(env, captureLogs('vault-rotate-keys').logger)).rejects.toThrow(/^credential [0-9a-f-]{36}: its data key does not unwrap/);
  expect((await vault.db.prisma.vaultCredential.findUniqueOrThrow({ where: { id: res.body.id } })).masterKeyId).toBe('k1');
  expect(await vault.db.prisma.vaultCredential.count({ where: { masterKeyId: 'k3' } })).toBe(0);
});
