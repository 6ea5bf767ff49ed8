import { ConfigError } from '@guild/platform';
import { describe, expect, it } from 'vitest';
import { loadIdentityConfig, trustProxySetting } from './config.js';

const base = { JWT_SECRET: 'x'.repeat(32) };

describe('identity configuration', () => {
  it('has defaults for everything but the shared JWT secret', () => {
    const config = loadIdentityConfig(base);
    expect(config).toMatchObject({ PORT: 4020, SMTP_URL: 'smtp://127.0.0.1:1025', ACCESS_TOKEN_TTL_SECONDS: 900, SIGN_IN_MAX_FAILURES: 5 });
  });

  it('wants the bootstrap email and password together, and names the missing one', () => {
    const error = (() => {
      try {
        loadIdentityConfig({ ...base, IDENTITY_BOOTSTRAP_OPS_EMAIL: 'ops@example.com' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { variable: 'IDENTITY_BOOTSTRAP_OPS_PASSWORD', message: 'is required when IDENTITY_BOOTSTRAP_OPS_EMAIL is set' },
    ]);
  });

  it('holds the bootstrap password to the password policy', () => {
    expect(() => loadIdentityConfig({ ...base, IDENTITY_BOOTSTRAP_OPS_EMAIL: 'ops@example.com', IDENTITY_BOOTSTRAP_OPS_PASSWORD: 'short' })).toThrow(
      /IDENTITY_BOOTSTRAP_OPS_PASSWORD/,
    );
  });

  it('reads TRUST_PROXY as Express does', () => {
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback')).toBe('loopback');
  });
});
