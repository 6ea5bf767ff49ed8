import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { RequestListener } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tokenVerifierFromConfig } from '@guild/platform';
import { listenOnFreePort } from '@guild/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startIdentityApp, tokenFromAnotherKey, type IdentityApp } from './identity-app.js';

// Another service's view of identity: it verifies access tokens only through identity's JWKS URL,
// exactly as tokenVerifierFromConfig builds it from IDENTITY_JWKS_URL. Identity is then rotated
// the way the README says, with the key tool's --public-of, behind the same address.
const keyTool = fileURLToPath(new URL('../src/cli/generate-keys.ts', import.meta.url));
const runKeyTool = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, ['--import', 'tsx', keyTool, ...args])).stdout;

let dir: string;
let before: IdentityApp;
let after: IdentityApp | undefined;
let serving: RequestListener;
let front: Awaited<ReturnType<typeof listenOnFreePort>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'identity-rotation-'));
  const oldKey = path.join(dir, 'old.pem');
  await writeFile(oldKey, await runKeyTool('--private'), { mode: 0o600 });
  before = await startIdentityApp({ privateKeyPem: await readFile(oldKey, 'utf8') });
  serving = before.app;
  front = await listenOnFreePort((req, res) => serving(req, res));
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await front?.close();
  await before?.close();
  await after?.close();
  await rm(dir, { recursive: true, force: true });
});

const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

describe('a service verifying through the JWKS while identity rotates its key', () => {
  it('accepts identity tokens; after the rotation a new key id is fetched, and tokens of the old key still verify', async () => {
    const verify = tokenVerifierFromConfig({ IDENTITY_JWKS_URL: `${front.baseUrl}/.well-known/jwks.json` });
    const principal = { subject: 'ops-rotation', role: 'ops' as const };
    const oldToken = (await before.tokens.issueAccessToken(principal)).accessToken;
    expect(await verify(oldToken)).toEqual(principal);

    // The README's step: the old key's public half goes to JWT_PREVIOUS_PUBLIC_KEYS_FILE, then a new key.
    const previous = await runKeyTool('--public-of', path.join(dir, 'old.pem'));
    expect(previous).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    after = await startIdentityApp({ privateKeyPem: await runKeyTool('--private'), previousPublicKeysPem: previous });
    serving = after.app;
    const newToken = (await after.tokens.issueAccessToken(principal)).accessToken;
    expect(kidOf(newToken)).not.toBe(kidOf(oldToken));
    expect(after.tokens.jwks().keys.map((k) => k.kid)).toEqual([kidOf(newToken), kidOf(oldToken)]);

    // The verifier refetches on an unknown key id at most every 30 s (jose's cooldown): move past it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    expect(await verify(newToken)).toEqual(principal);
    expect(await verify(oldToken)).toEqual(principal);
    await expect(verify(await tokenFromAnotherKey(principal))).rejects.toMatchObject({ status: 401 });
  });
});
