import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonConfig, ConfigError, loadConfig } from '../src/index.js';

const secret = 'a'.repeat(32);

describe('configuration from the environment', () => {
  it('defaults fill what is not set, and PORT is coerced to a number', () => {
    const config = loadConfig(commonConfig, { JWT_SECRET: secret, PORT: '4010' });
    expect(config).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/guild',
      NATS_URL: 'nats://127.0.0.1:4222',
      EVENT_NAMESPACE: '',
      JWT_SECRET: secret,
      LOG_LEVEL: 'info',
      LOG_BUFFER_BYTES: 0,
      CORS_ORIGINS: [],
      HOST: '127.0.0.1',
      PORT: 4010,
    });
  });

  it('the error names every bad variable and why', () => {
    const attempt = () => loadConfig(commonConfig, { JWT_SECRET: 'short', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/JWT_SECRET: must be at least 32 characters long/);
      expect(message).toMatch(/PORT: /);
      expect(message).toMatch(/LOG_LEVEL: /);
      expect(message).not.toMatch(/DATABASE_URL|NATS_URL/);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['JWT_SECRET', 'LOG_LEVEL', 'PORT']);
    }
  });

  it('a required variable that is missing or empty is reported as not set', () => {
    expect(() => loadConfig({ SUPPORT_URL: z.url() }, { SUPPORT_URL: '' })).toThrow(/SUPPORT_URL: is required but not set/);
  });

  it('a service adds and overrides variables with its own shape', () => {
    const config = loadConfig(
      { ...commonConfig, PORT: z.coerce.number().int().default(4010), SUPPORT_URL: z.url() },
      { JWT_SECRET: secret, SUPPORT_URL: 'http://127.0.0.1:4010' },
    );
    expect(config.PORT).toBe(4010);
    expect(config.SUPPORT_URL).toBe('http://127.0.0.1:4010');
  });

  it('a process started with a bad environment exits 1, printing the variable', async () => {
    const config = fileURLToPath(new URL('../src/config.ts', import.meta.url));
    const script = `const { commonConfig, loadConfigOrExit } = await import(${JSON.stringify(config)}); loadConfigOrExit(commonConfig);`;
    const env = { ...process.env, PORT: '8080', JWT_SECRET: 'too-short' };
    await expect(
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('JWT_SECRET: must be at least 32 characters long') });
  });
});
