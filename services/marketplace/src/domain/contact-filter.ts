// Offers carry no direct contact details: the customer meets the expert through the platform once
// the contract is signed. This is the one place that decides what counts as a contact detail,
// including the forms people use to slip one past a filter. Pure: text in, findings out.

export type ContactKind = 'email address' | 'phone number' | 'link' | 'messenger handle';

export interface ContactPattern {
  name: string;
  kind: ContactKind;
  description: string;
  example: string;
  regex: RegExp;
}

export interface ContactFinding {
  kind: ContactKind;
  pattern: string;
  found: string;
}

const tlds = 'com|net|org|io|co|de|pl|uk|eu|us|me|dev|app|info|biz|ai|ru|in|fr|es|it|nl|ch|at|se|cz|ua|xyz|site|online|tech';
const digitWords = 'zero|oh|one|two|three|four|five|six|seven|eight|nine';
const messengers = 'telegram|tg|skype|whats ?app|wechat|viber|signal|discord|slack|linkedin|facebook|fb|instagram|insta|twitter|threema|kik|snapchat|icq';
/** Where people say "reach me": every messenger, and mail itself. */
const channels = `${messengers}|x|line|gmail|e-?mail|mail|phone|mobile|cell`;

export const contactPatterns: readonly ContactPattern[] = [
  {
    name: 'url',
    kind: 'link',
    description: 'a web address with a scheme or www',
    example: 'https://johnsmith.dev, www.example.com',
    regex: /\b(?:https?:\/\/|www\.)\S+/g,
  },
  {
    name: 'short-link',
    kind: 'link',
    description: 'a messenger or short link (t.me/…, wa.me/…, bit.ly/…, calendly.com/…)',
    example: 't.me/johnsmith',
    regex: /\b(?:t\.me|telegram\.me|wa\.me|bit\.ly|tinyurl\.com|calendly\.com|linkedin\.com|linktr\.ee|m\.me|discord\.gg|skype\.com|zoom\.us)\s*\/\s*\S+/g,
  },
  {
    name: 'email',
    kind: 'email address',
    description: 'an address with @',
    example: 'john.smith@gmail.com',
    regex: /[a-z0-9._%+-]+\s*@\s*[a-z0-9-]+(?:\s*\.\s*[a-z0-9-]+)+/g,
  },
  {
    name: 'email-spelled',
    kind: 'email address',
    description: '"at" and "dot" written out, bracketed or spaced',
    example: 'john at gmail dot com, john[at]gmail[.]com',
    regex: new RegExp(`[a-z0-9._%+-]+\\s*[([{<]?\\s*(?:at|@)\\s*[)\\]}>]?\\s*[a-z0-9-]+\\s*[([{<]?\\s*(?:dot|\\.)\\s*[)\\]}>]?\\s*(?:${tlds})\\b`, 'g'),
  },
  {
    name: 'phone',
    kind: 'phone number',
    description: 'nine or more digits in a row, whatever separates them (spaces, dashes, dots, brackets)',
    example: '+48 601 234 567, +4 8 6 0 1 2 3 4 5 6',
    regex: /(?:\+|\b00)?\d(?:[\s().\-/]{0,3}\d){8,}/g,
  },
  {
    name: 'phone-spelled',
    kind: 'phone number',
    description: 'seven or more digits written as words',
    example: 'four eight six zero one two three',
    regex: new RegExp(`\\b(?:plus\\s+)?(?:${digitWords})(?:[\\s,.-]+(?:${digitWords})){6,}\\b`, 'g'),
  },
  {
    name: 'domain',
    kind: 'link',
    description: 'a bare domain name, also with "dot" written out',
    example: 'johnsmith.io, johnsmith dot com',
    regex: new RegExp(`\\b[a-z0-9][a-z0-9-]{1,62}\\s*(?:\\.|\\s(?:dot)\\s|[([{]dot[)\\]}])\\s*(?:${tlds})\\b(?!\\.[a-z])`, 'g'),
  },
  {
    name: 'messenger-handle',
    kind: 'messenger handle',
    description: 'a messenger named with a handle after it ("telegram: @john", "skype id john.smith")',
    example: 'Telegram: @john_dev',
    // The handle must look like one (an @name, a dotted or numbered id, a Skype live: id), so
    // "Slack: webhooks" in a scope is not a handle.
    regex: new RegExp(`\\b(?:${messengers})\\b\\s*(?::|=|\\s+id\\b:?|\\s+handle\\b:?)\\s*(?:@[a-z0-9._]{3,}|live:\\S+|[a-z0-9_]+[._#][a-z0-9._#-]*[a-z0-9])`, 'g'),
  },
  {
    name: 'contact-me-on',
    kind: 'messenger handle',
    description: 'an invitation to talk outside the platform ("add me on WhatsApp", "ping me via Telegram")',
    example: 'add me on whatsapp',
    regex: new RegExp(`\\b(?:add|contact|message|text|call|ping|reach|dm|find|write to|email|mail)\\s+me\\s+(?:on|via|at|through|over|in)\\s+(?:${channels})\\b`, 'g'),
  },
  {
    name: 'at-handle',
    kind: 'messenger handle',
    description: 'an @handle given as where to reach someone ("I am @john_dev", "handle @john")',
    example: 'my handle is @john_dev',
    regex: /\b(?:handle|username|user name|nick|i am|i'm|me|dm)\s*(?:is|:)?\s*@[a-z0-9_.]{3,}/g,
  },
];

/** Technology names that look like domains; they are not links. */
const technologyNames = /\b(?:asp\.net|ado\.net|vb\.net|node\.js|next\.js|vue\.js|nuxt\.js|express\.js|three\.js|d3\.js|chart\.js|socket\.io|dev\.to|monday\.com|salesforce\.com|airtable\.com)\b/g;

/** Lower-case, compatibility forms folded (full-width @, ligatures), technology names blanked. */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(technologyNames, ' ');
}

/** Every contact detail in the text, each reported once (the first pattern that matched it wins). */
export function findContactDetails(text: string): ContactFinding[] {
  const normalized = normalize(text);
  const taken: [number, number][] = [];
  const findings: ContactFinding[] = [];
  for (const pattern of contactPatterns) {
    for (const match of normalized.matchAll(pattern.regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      findings.push({ kind: pattern.kind, pattern: pattern.name, found: match[0].trim() });
    }
  }
  return findings;
}

/** What an offer's refusal says: "an email address (john@gmail.com) and a phone number (…)". */
export function describeFindings(findings: ContactFinding[]): string {
  return findings.map((f) => `${f.kind} "${f.found}"`).join(', ');
}
