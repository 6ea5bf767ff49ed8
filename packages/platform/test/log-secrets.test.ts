import { describe, expect, it } from 'vitest';
import { captureLogs } from './support/kit.js';

const capture = () => captureLogs('secrets-test');

describe('secrets in log lines', () => {
  it('a secret key is censored at every depth a line prints, whatever its case', () => {
    const { logger, text, entries } = capture();
    const call = { headers: { Authorization: 'Bearer header-secret-1' }, user: { profile: { settings: { Password: 'pw-secret-2' } } } };
    logger.info({ call, sessions: [{ refreshToken: 'refresh-secret-3' }], note: 'kept' }, 'called');
    expect(text()).not.toMatch(/header-secret-1|pw-secret-2|refresh-secret-3/);
    expect(entries()[0]).toMatchObject({
      note: 'kept',
      call: { headers: { Authorization: '[redacted]' }, user: { profile: { settings: { Password: '[redacted]' } } } },
      sessions: [{ refreshToken: '[redacted]' }],
    });
    // The caller's object is left as it was.
    expect(call.headers.Authorization).toBe('Bearer header-secret-1');
  });

  it('an error keeps its message and stack, and loses its secrets', () => {
    const { logger, text, entries } = capture();
    const failure = Object.assign(new Error('stripe refused'), { apiKey: 'sk-secret-4', code: 'card_declined' });
    logger.error({ err: failure }, 'payment failed');
    const err = entries()[0]!['err'] as Record<string, unknown>;
    expect(err).toMatchObject({ type: 'Error', message: 'stripe refused', code: 'card_declined', apiKey: '[redacted]' });
    expect(err['stack']).toContain('stripe refused');
    expect(text()).not.toContain('sk-secret-4');
  });

  it("a child logger's bindings are censored too, and a child's child keeps its parent's", () => {
    const { logger, text, entries } = capture();
    logger.child({ client: { secret: 'bound-secret-5' } }).child({ reqId: 'req-7', token: 'bound-secret-6' }).info('bound');
    expect(entries()[0]).toMatchObject({ msg: 'bound', client: { secret: '[redacted]' }, reqId: 'req-7', token: '[redacted]' });
    expect(text()).not.toMatch(/bound-secret-5|bound-secret-6/);
  });
});
