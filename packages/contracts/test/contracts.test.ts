import { describe, expect, it } from 'vitest';
import { allEvents, businessCalendarSchema, eventDomains, queryReplied, replyBodySchema } from '../src/index.js';

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('reply bodies', () => {
  it('an answer defaults its kind and takes an ETA in minutes or a deadline, not both', () => {
    expect(replyBodySchema.parse({ answer: 'Done', etaMinutes: 30 }).kind).toBe('answer');
    expect(fieldsOf(replyBodySchema.safeParse({ answer: 'Done', etaMinutes: 30, etaAt: '2026-11-23T10:00:00Z' }))).toEqual(['eta']);
  });

  it('each kind names what it needs', () => {
    expect(fieldsOf(replyBodySchema.safeParse({ kind: 'needs_info', answer: 'We need more' }))).toEqual(['needInfo']);
    expect(fieldsOf(replyBodySchema.safeParse({ kind: 'action', answer: 'Will do' }))).toEqual(['task']);
    expect(fieldsOf(replyBodySchema.safeParse({ kind: 'checking', answer: 'Checking' }))).toEqual(['communityQuestion']);
    expect(replyBodySchema.safeParse({ kind: 'needs_info', answer: 'Which OS?', needInfo: [{ item: 'os' }] }).success).toBe(true);
  });

  it('needs-info asks only for known items', () => {
    expect(fieldsOf(replyBodySchema.safeParse({ kind: 'needs_info', answer: 'x', needInfo: [{ item: 'credit_card' }] }))).toEqual(['needInfo.0.item']);
  });
});

describe('business calendars', () => {
  it('need a real time zone and at least one open day', () => {
    expect(businessCalendarSchema.safeParse({ timeZone: 'Europe/Warsaw', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }).success).toBe(true);
    expect(fieldsOf(businessCalendarSchema.safeParse({ timeZone: 'Mars/Olympus', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }))).toEqual(['timeZone']);
    expect(fieldsOf(businessCalendarSchema.safeParse({ timeZone: 'UTC', weeklyHours: {} }))).toEqual(['weeklyHours']);
    expect(fieldsOf(businessCalendarSchema.safeParse({ timeZone: 'UTC', weeklyHours: { mon: [{ start: '9:00', end: '25:00' }] } }))).toHaveLength(2);
  });
});

describe('the event registry', () => {
  it('has one definition per subject, each under its owning domain', () => {
    const subjects = allEvents.map((e) => e.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    for (const e of allEvents) expect(eventDomains).toContain(e.subject.split('.')[0]);
  });

  it('reads replied events published before reply kinds existed as answers', () => {
    const v1 = { queryId: '5f0c9c1e-7a53-4d5b-9a0e-0f4a9e2c1b11', customerId: 'acme', replyId: '9b1d7d0e-3c1a-4e8e-8f55-2d7f0e6f3a22', expertId: 'alice', repliedAt: '2026-11-23T10:00:00Z', etaMinutes: 30, etaAt: null };
    expect(queryReplied.payload.parse(v1).kind).toBe('answer');
  });
});
