import { describe, expect, it } from 'vitest';
import { findContactDetails } from '../src/domain/contact-filter.js';

// Texts experts really write in offers: what must be refused (with what is named) and what must pass.

const refused: [string, string][] = [
  ['Write to me: john.smith@gmail.com', 'email address'],
  ['my mail is JOHN.SMITH+offers@Outlook.COM', 'email address'],
  ['john at gmail dot com', 'email address'],
  ['reach me: john [at] gmail [dot] com', 'email address'],
  ['john(at)company(dot)io', 'email address'],
  ['j.smith @ proton . me', 'email address'],
  ['Call me +48 601 234 567', 'phone number'],
  ['+4 8 6 0 1 2 3 4 5 6 7 any time', 'phone number'],
  ['my number (555) 123-4567 ext', 'phone number'],
  ['0048.601.234.567', 'phone number'],
  ['phone: four eight six zero one two three four five', 'phone number'],
  ['plus one five five five one two three four five six seven', 'phone number'],
  ['Portfolio: https://johnsmith.dev/work', 'link'],
  ['see www.smith-consulting.com for references', 'link'],
  ['t.me/johnsmith', 'link'],
  ['message me at t.me / john_dev', 'link'],
  ['book a call calendly.com/john-smith/30min', 'link'],
  ['wa.me/48601234567', 'link'],
  ['my site is johnsmith.io', 'link'],
  ['check johnsmith dot com', 'link'],
  ['Telegram: @john_dev', 'messenger handle'],
  ['skype: live:john.smith_1', 'messenger handle'],
  ['Skype id john.smith', 'messenger handle'],
  ['Discord: johnny#1234', 'messenger handle'],
  ['add me on WhatsApp and we settle the details', 'messenger handle'],
  ['ping me via telegram', 'messenger handle'],
  ['my handle is @john_dev everywhere', 'messenger handle'],
  ['text me on mobile, you know the number', 'messenger handle'],
  ['Ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ', 'email address'],
];

const allowed: string[] = [
  'I will migrate your HubSpot pipeline to Salesforce in 3 weeks, 40 hours at most.',
  'Budget: $4,500 fixed, paid in two milestones (50% / 50%).',
  'Schedule: start on 2026-12-01, finish by 2026-12-21; weekly demo on Fridays.',
  'Stack: Node.js, Next.js, Vue.js, ASP.NET Core, socket.io and PostgreSQL 16.',
  'Integrations: Slack: webhooks and slash commands; Zapier; Google Sheets.',
  'I have 12 years of experience and 340 completed projects with a 9.8 rating.',
  'Estimate: 10-12 hours for the API, 6-8 for the dashboard, 2 for tests.',
  'I am good at reading legacy code and at documenting it.',
  'We will use Telegram bots API to notify your team about new orders.',
  'Version 1.2.3 to 2.0.1 upgrade of Angular, including @angular/core and @types/node.',
  'The WhatsApp Business API integration is part of phase 2.',
  'Phase 1: audit (week 1), phase 2: build (weeks 2-4), phase 3: handover.',
  'I reply within one hour on weekdays and two hours on weekends.',
  'Use monday.com automations and Airtable.com views for the board.',
  'Fix the signal handling in your Python worker (SIGTERM) and retries.',
];

describe('contact details in offers', () => {
  it.each(refused)('refuses %j as a %s', (text, kind) => {
    const findings = findContactDetails(text);
    expect(findings.map((f) => f.kind)).toContain(kind);
  });

  it.each(allowed)('lets %j through', (text) => {
    expect(findContactDetails(text)).toEqual([]);
  });

  it('names what it found, each detail once', () => {
    const findings = findContactDetails('mail john@gmail.com or call +48 601 234 567');
    expect(findings).toEqual([
      { kind: 'email address', pattern: 'email', found: 'john@gmail.com' },
      { kind: 'phone number', pattern: 'phone', found: '+48 601 234 567' },
    ]);
  });
});
