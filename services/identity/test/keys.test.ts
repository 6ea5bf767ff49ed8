import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@guild/platform';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair } from '../src/keys/generate-key-pair.js';
import { loadSigningKeys } from '../src/keys/load-keys.js';
import { createTokenIssuer } from '../src/keys/token-issuer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'identity-keys-'));
const file = (name: string, content: string) => {
  const target = path.join(dir, name);
  writeFileSync(target, content, { mode: 0o600 });
  return target;
};

async function problemOf(env: Record<string, string>) {
  const error = await loadSigningKeys(env).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems[0]!;
}

describe('loading the signing keys', () => {
  it('reads an Ed25519 key from JWT_PRIVATE_KEY, also with escaped newlines; kid is its thumbprint', async () => {
    const { privateKeyPem } = generateSigningKeyPair();
    const keys = await loadSigningKeys({ JWT_PRIVATE_KEY: privateKeyPem.replaceAll('\n', '\\n') });
    expect(keys.current.alg).toBe('EdDSA');
    expect(keys.current.kid).toMatch(/^[\w-]{43}$/);
    expect(keys.previous).toEqual([]);
  });

  it('reads a P-256 key from JWT_PRIVATE_KEY_FILE and signs ES256', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = file('p256.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const keys = await loadSigningKeys({ JWT_PRIVATE_KEY_FILE: keyFile });
    const issuer = createTokenIssuer(keys);
    const { accessToken } = await issuer.issueAccessToken({ subject: 's', role: 'ops' });
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
    expect(await issuer.verifyAccessToken(accessToken)).toEqual({ subject: 's', role: 'ops' });
  });

  it('publishes the previous public keys of JWT_PREVIOUS_PUBLIC_KEYS_FILE', async () => {
    const [a, b, current] = [generateSigningKeyPair(), generateSigningKeyPair(), generateSigningKeyPair()];
    const keys = await loadSigningKeys({
      JWT_PRIVATE_KEY: current.privateKeyPem,
      JWT_PREVIOUS_PUBLIC_KEYS_FILE: file('previous.pem', a.publicKeyPem + b.publicKeyPem),
    });
    expect(keys.previous).toHaveLength(2);
    expect(createTokenIssuer(keys).jwks().keys).toHaveLength(3);
  });

  it('names the variable when no key is set', async () => {
    const problem = await problemOf({});
    expect(problem.variable).toBe('JWT_PRIVATE_KEY');
    expect(problem.message).toMatch(/JWT_PRIVATE_KEY_FILE/);
  });

  it('names the variable of a key that cannot be read or used', async () => {
    expect((await problemOf({ JWT_PRIVATE_KEY: 'not a pem' })).variable).toBe('JWT_PRIVATE_KEY');
    expect((await problemOf({ JWT_PRIVATE_KEY_FILE: path.join(dir, 'missing.pem') })).variable).toBe('JWT_PRIVATE_KEY_FILE');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await problemOf({ JWT_PRIVATE_KEY: rsa })).message).toMatch(/Ed25519 or P-256/);
    const { privateKeyPem } = generateSigningKeyPair();
    const previous = await problemOf({ JWT_PRIVATE_KEY: privateKeyPem, JWT_PREVIOUS_PUBLIC_KEYS_FILE: file('empty.pem', '') });
    expect(previous.variable).toBe('JWT_PREVIOUS_PUBLIC_KEYS_FILE');
  });

  it('refuses both a key and a key file', async () => {
    const { privateKeyPem } = generateSigningKeyPair();
    expect((await problemOf({ JWT_PRIVATE_KEY: privateKeyPem, JWT_PRIVATE_KEY_FILE: file('k.pem', privateKeyPem) })).message).toMatch(/not both/);
  });
});
