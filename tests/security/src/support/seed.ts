import type { OpenApiDocument } from '../openapi.js';
import { send } from '../send.js';
import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

interface QueryView {
  id: string;
  subject: string;
  body: string;
  replies: { id: string; answer: string; taskRequestId: string | null }[];
  messages: { id: string; body: string }[];
  attachments: { id: string }[];
}

export interface SupportPeople {
  homeCustomer: string;
  homeExpert: string;
  otherCustomer: string;
  ops: string;
  service: string;
}

export const homeCustomerId = 'home-co';
export const homeExpertId = 'home-expert';
export const otherCustomerId = 'other-co';
export const otherExpertId = 'other-expert';

const contact = { email: 'alice.homer@home-co.example', name: 'Alice Homer' };
// What the home expert asks the community: in their own words, naming nobody, as the rules say.
const communityQuestions = ['How do you rotate signing keys without downtime?', 'Which retention suits audit logs?'];

/**
 * The home tenant's story, told through the API as its people would: ops assign `home-expert` to
 * `home-co` and register a contact; `home-co` asks one query per reply kind; the expert answers
 * each kind; the customer follows up and sends a file; ops answer a community question, keep a
 * quick-sheet entry, reorder the queue; the workflow reports clocks. The foreign tenant gets an
 * expert and a query of its own, so its lists are not trivially empty.
 */
export async function seedSupportTenants(baseUrl: string, call: Call, people: SupportPeople, document: OpenApiDocument): Promise<HomeTenant> {
  const { homeCustomer, homeExpert, otherCustomer, ops, service } = people;
  await call(ops, 'PUT', `/customers/${homeCustomerId}/expert-assignment`, { expertId: homeExpertId });
  await call(ops, 'PUT', `/customers/${homeCustomerId}/support-terms`, {
    calendar: { timeZone: 'Europe/Warsaw', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } },
  });
  await call(ops, 'PUT', `/customers/${homeCustomerId}/contacts`, contact);
  await call(ops, 'PUT', `/customers/${otherCustomerId}/expert-assignment`, { expertId: otherExpertId });
  await call(otherCustomer, 'POST', '/queries', { subject: 'Other: invoices', body: 'Other tenant asks about invoices.' });

  const seen: QueryView[] = [];
  const track = (query: QueryView) => (seen.push(query), query);
  const ask = async (topic: string) =>
    track(await call<QueryView>(homeCustomer, 'POST', '/queries', { subject: `Home: ${topic}`, body: `Home-co asks about ${topic}, details inside.` }));
  const reply = async (query: QueryView, body: Record<string, unknown>) =>
    track(await call<QueryView>(homeExpert, 'POST', `/queries/${query.id}/replies`, { etaMinutes: 60, ...body }));

  const answered = await reply(await ask('payroll export'), { kind: 'answer', answer: 'Home answer: rerun the export.' });
  await reply(await ask('key rotation'), { kind: 'checking', answer: 'Home checking.', communityQuestion: communityQuestions[0] });
  await reply(await ask('retention'), { kind: 'checking', answer: 'Home checking again.', communityQuestion: communityQuestions[1] });
  const researched = await reply(await ask('slow reports'), { kind: 'research', answer: 'Home research under way.' });
  const acted = await reply(await ask('new dashboard'), { kind: 'action', answer: 'Home action.', task: { title: 'Home dashboard task' } });
  const needsInfo = await reply(await ask('crash on start'), { kind: 'needs_info', answer: 'Home needs logs.', needInfo: [{ item: 'logs' }] });
  const main = track(await call<QueryView>(homeCustomer, 'POST', `/queries/${needsInfo.id}/messages`, { body: 'Home follow-up: it crashes at 9:00.' }));

  const records: HomeTenant['records'] = {
    'queries.id': { value: main.id, tenancy: 'home' },
    'queries.cursor': { value: main.id, tenancy: 'home' },
    customerId: { value: homeCustomerId, tenancy: 'home' },
    expertId: { value: homeExpertId, tenancy: 'home' },
  };
  const states: NonNullable<HomeTenant['states']> = {
    resolved: { 'queries.id': { value: answered.id, tenancy: 'home' } },
    research: { 'queries.id': { value: researched.id, tenancy: 'home' } },
  };
  if (document.paths['/queries/{id}/attachments']?.['post']) {
    // A file on the query of each state, so a route naming both names records that belong together.
    const upload = async (query: QueryView) => {
      const res = await send(baseUrl, {
        method: 'POST',
        path: `/queries/${query.id}/attachments?filename=home-crash.log`,
        headers: { authorization: `Bearer ${homeCustomer}`, 'content-type': 'text/plain' },
        body: 'Home crash log: segfault at 0x0',
      });
      if (res.status !== 201) throw new Error(`seeding the attachment answered ${res.status}: ${res.text}`);
      track(await call<QueryView>(ops, 'GET', `/queries/${query.id}`));
      return { value: (JSON.parse(res.text) as { id: string }).id, tenancy: 'home' } as const;
    };
    records['attachmentId'] = await upload(main);
    states['resolved']!['attachmentId'] = await upload(answered);
    states['research']!['attachmentId'] = await upload(researched);
  }

  const open = await call<{ items: { id: string; question: string }[] }>(ops, 'GET', '/community/questions?limit=100');
  const question = open.items.find((q) => q.question === communityQuestions[0]);
  if (!question) throw new Error('seeding: the checking reply opened no community question');
  await call(ops, 'POST', `/community/questions/${question.id}/answers`, { answer: 'Publish the new key first, sign with it later.' });
  records['questions.id'] = { value: question.id, tenancy: 'shared', why: 'community questions are open to every expert, without the customer' };

  const faq = await call<{ id: string }>(ops, 'POST', '/faq', { question: 'How do I reset a password?', answer: 'Use the reset link.' });
  records['faq.id'] = { value: faq.id, tenancy: 'shared', why: 'the quick sheet is kept by ops for every customer' };

  await call(ops, 'POST', `/queries/${researched.id}/queue-position`, { beforeQueryId: answered.id, reason: 'Home: their release is today' });
  await call(service, 'POST', `/queries/${acted.id}/sla-events`, { kind: 'pre_breach_warning', dueAt: new Date().toISOString() });
  track(await call<QueryView>(homeCustomer, 'POST', `/queries/${answered.id}/resolution`));

  // `main` waits for the expert's next reply (open); `answered` is resolved above, `researched` stays in research.
  return { records, markers: markersOf(seen), states, defaultState: 'open' };
}

function markersOf(queries: QueryView[]): string[] {
  const markers = new Set([homeCustomerId, homeExpertId, contact.email, contact.name]);
  for (const q of queries) {
    for (const value of [q.id, q.subject, q.body]) markers.add(value);
    for (const r of q.replies) for (const value of [r.id, r.answer, r.taskRequestId]) if (value) markers.add(value);
    for (const m of q.messages) for (const value of [m.id, m.body]) markers.add(value);
    for (const a of q.attachments) markers.add(a.id);
  }
  return [...markers];
}
