import type { NatsConnection } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { filterFor, subjectMatches } from '../src/consumer-filter.js';

const server = (version: string) => ({ info: { version } }) as NatsConnection;
const subjects = ['t_1.support.query.submitted', 't_1.support.query.resolved'];

describe('which subjects a consumer asks the server for', () => {
  it('one subject is filtered by the server alone', () => {
    expect(filterFor(server('2.9.10'), subjects.slice(0, 1))).toEqual({ config: { filter_subject: subjects[0] }, broader: false });
  });

  it('NATS 2.10 and later filter several subjects server-side', () => {
    expect(filterFor(server('2.10.4'), subjects)).toEqual({ config: { filter_subjects: subjects }, broader: false });
  });

  it('older servers get the narrowest covering wildcard, and the rest is filtered here', () => {
    expect(filterFor(server('2.9.10'), subjects)).toEqual({ config: { filter_subject: 't_1.support.query.>' }, broader: true });
    expect(filterFor(server('2.9.10'), ['support.query.submitted', 'billing.invoice.paid'])).toEqual({ config: {}, broader: true });
  });

  it('subject patterns match the way NATS matches them', () => {
    expect(subjectMatches('support.query.submitted', 'support.query.submitted')).toBe(true);
    expect(subjectMatches('support.query.submitted', 'support.query.replied')).toBe(false);
    expect(subjectMatches('support.*.replied', 'support.query.replied')).toBe(true);
    expect(subjectMatches('support.>', 'support.query.replied')).toBe(true);
    expect(subjectMatches('support.>', 'support')).toBe(false);
    expect(subjectMatches('support.query', 'support.query.replied')).toBe(false);
  });
});
