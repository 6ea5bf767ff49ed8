import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTokenArgs, readJwtSecret } from '../src/cli/dev-token.js';
import { verifyToken } from '../src/index.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../src/cli/token.ts', import.meta.url));
const secret = 'dev-secret-for-the-token-cli-test-000';

describe('guild-token', () => {
  it('prints only a token that verifies to the principal asked for', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, '--role', 'customer', '--customer-id', 'acme', '--ttl', '10m'], {
      env: { ...process.env, JWT_SECRET: secret },
    });
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    await expect(verifyToken(secret, token)).resolves.toEqual({ subject: 'dev-customer-acme', role: 'customer', customerId: 'acme' });
  });

  it('refuses a customer token without a customer id, with the usage', async () => {
    await expect(
      run(process.execPath, ['--import', 'tsx', cli, '--role', 'customer'], { env: { ...process.env, JWT_SECRET: secret } }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--customer-id') });
  });

  it('reads the secret from .data/secrets/jwt-secret of the repository root when JWT_SECRET is unset', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'guild-root-'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
    mkdirSync(path.join(root, '.data', 'secrets'), { recursive: true });
    writeFileSync(path.join(root, '.data', 'secrets', 'jwt-secret'), `${secret}\n`);
    const nested = path.join(root, 'packages', 'platform');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(nested, 'package.json'), JSON.stringify({ name: '@guild/platform' }));

    expect(readJwtSecret({}, [nested])).toBe(secret);
    expect(readJwtSecret({ JWT_SECRET: 'from-env' }, [nested])).toBe('from-env');
  });

  it('an expert token carries the expert id and an explicit subject', () => {
    expect(parseTokenArgs(['--role', 'expert', '--expert-id', 'alice', '--subject', 'u-alice'])).toEqual({
      principal: { subject: 'u-alice', role: 'expert', expertId: 'alice' },
      ttl: '1h',
    });
  });
});
