import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, shown } from './paths.js';
import { fail, say } from './steps.js';

const secretsDir = path.join(dataDir, 'secrets');

/**
 * The secrets every app process needs, from the environment when set there, else generated on
 * the first `npm start` into .data/secrets (mode 600) and kept: tokens from `npm run token` stay
 * valid, and payloads encrypted into the Temporal database stay readable, across restarts.
 */
export async function persistentSecrets(): Promise<Record<string, string>> {
  return { ...(await jwtSecret()), ...(await codecKeys()), ...(await attachmentKeys()), ...(await vaultMasterKeys()), ...(await identitySecrets()) };
}

/** `npm test` signs and encrypts with keys of its own run. */
export function randomSecrets(): Record<string, string> {
  return {
    JWT_SECRET: randomBytes(32).toString('hex'),
    TEMPORAL_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
    ATTACHMENT_KEYS: `test:${randomBytes(32).toString('base64')}`,
    VAULT_MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
  };
}

async function jwtSecret(): Promise<Record<string, string>> {
  if (process.env.JWT_SECRET) {
    say('JWT secret', 'using JWT_SECRET from the environment');
    return { JWT_SECRET: process.env.JWT_SECRET };
  }
  const file = path.join(secretsDir, 'jwt-secret');
  return { JWT_SECRET: await keptSecret('JWT secret', file, () => randomBytes(32).toString('hex')) };
}

/** The payload codec's AES-256 key ring (`keyId:base64key` entries, see workflows/src/codec/keys.ts). */
async function codecKeys(): Promise<Record<string, string>> {
  if (process.env.TEMPORAL_CODEC_KEYS || process.env.TEMPORAL_CODEC_KEYS_FILE) {
    say('Temporal codec keys', 'using TEMPORAL_CODEC_KEYS(_FILE) from the environment');
    return {};
  }
  const file = path.join(secretsDir, 'temporal-codec-keys');
  await keptSecret('Temporal codec keys', file, () => `dev-1:${randomBytes(32).toString('base64')}`);
  return { TEMPORAL_CODEC_KEYS_FILE: file };
}

/** Support's key ring for files at rest (`keyId:base64key` entries, see services/support/src/attachments/config.ts). */
async function attachmentKeys(): Promise<Record<string, string>> {
  if (process.env.ATTACHMENT_KEYS || process.env.ATTACHMENT_KEYS_FILE) {
    say('attachment keys', 'using ATTACHMENT_KEYS(_FILE) from the environment');
    return {};
  }
  const file = path.join(secretsDir, 'attachment-keys');
  await keptSecret('attachment keys', file, () => `dev-1:${randomBytes(32).toString('base64')}`);
  return { ATTACHMENT_KEYS_FILE: file };
}

/** The vault's master keys, which wrap every credential's data key (see services/vault/src/config.ts). */
async function vaultMasterKeys(): Promise<Record<string, string>> {
  if (process.env.VAULT_MASTER_KEYS || process.env.VAULT_MASTER_KEYS_FILE) {
    say('vault master keys', 'using VAULT_MASTER_KEYS(_FILE) from the environment');
    return {};
  }
  const file = path.join(secretsDir, 'vault-master-keys');
  await keptSecret('vault master keys', file, () => `dev-1:${randomBytes(32).toString('base64')}`);
  return { VAULT_MASTER_KEYS_FILE: file };
}

/**
 * The identity service's signing key, the worker's client credentials, and the first ops account
 * (its password is in .data/secrets/ops-password).
 */
async function identitySecrets(): Promise<Record<string, string>> {
  const signingKey = process.env.JWT_PRIVATE_KEY || process.env.JWT_PRIVATE_KEY_FILE;
  const keyFile = path.join(secretsDir, 'identity-jwt-private.pem');
  if (!signingKey) {
    await keptSecret('identity signing key', keyFile, () =>
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim(),
    );
  }
  return {
    ...(signingKey ? {} : { JWT_PRIVATE_KEY_FILE: keyFile }),
    IDENTITY_WORKER_CLIENT_ID: process.env.IDENTITY_WORKER_CLIENT_ID || 'temporal-worker',
    IDENTITY_WORKER_CLIENT_SECRET:
      process.env.IDENTITY_WORKER_CLIENT_SECRET ||
      (await keptSecret('worker client secret', path.join(secretsDir, 'worker-client-secret'), () => randomBytes(32).toString('hex'))),
    IDENTITY_BOOTSTRAP_OPS_EMAIL: process.env.IDENTITY_BOOTSTRAP_OPS_EMAIL || 'ops@guild.local',
    IDENTITY_BOOTSTRAP_OPS_PASSWORD:
      process.env.IDENTITY_BOOTSTRAP_OPS_PASSWORD ||
      (await keptSecret('ops password', opsPasswordFile, () => randomBytes(24).toString('base64url'))),
  };
}

export const opsPasswordFile = path.join(secretsDir, 'ops-password');

async function keptSecret(part: string, file: string, generate: () => string): Promise<string> {
  const existing = await readSecret(part, file);
  if (existing) {
    say(part, `using ${shown(file)}`);
    return existing;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${generate()}\n`, { mode: 0o600, flag: 'wx' });
    say(part, `generated ${shown(file)} (mode 600)`);
  } catch (error) {
    // Another start created it a moment ago: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = await readSecret(part, file);
  if (!created) fail(part, `could not read ${shown(file)} back`, `check the permissions of ${shown(secretsDir)}`);
  return created;
}

async function readSecret(part: string, file: string): Promise<string | undefined> {
  try {
    const secret = (await readFile(file, 'utf8')).trim();
    if (secret.length < 32) fail(part, `${shown(file)} holds fewer than 32 characters`, 'delete the file to have a new secret generated');
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
