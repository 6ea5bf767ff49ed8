import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { customer, expert, listenOnFreePort, testJwtSecret, tokenFor } from '@guild/testkit';
import { createServer } from '@guild/support/server';
// The service's own file store and its sealer, as its index.ts wires them; the package exports only `./server`.
import { createFileAttachmentStore } from '../../../../services/support/src/attachments/attachment-store.js';
import { loadAttachmentKeys } from '../../../../services/support/src/attachments/config.js';
import { createSealer } from '@guild/platform';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { homeCustomerId, homeExpertId, otherCustomerId, otherExpertId, seedSupportTenants } from './seed.js';

/**
 * The support app with every optional route on (attachments in a temporary folder), on a fresh
 * database of its own, listening on a free port, with both tenants seeded.
 */
export async function startSupport(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-security-attachments-'));
  const log = captureServerErrors('support');
  const sealer = createSealer(loadAttachmentKeys({ ATTACHMENT_KEYS: `security:${randomBytes(32).toString('base64')}` }));
  const app = createServer({
    prisma: db.prisma,
    logger: log.logger,
    jwtSecret: testJwtSecret,
    readiness: {},
    // Generous: the suites are not about rate limits, and a 429 would hide the route behind it.
    submissionsPerHour: { perAccount: 100_000, perIp: 100_000 },
    attachments: { store: createFileAttachmentStore(attachmentDir, sealer), sealer, maxBytes: 64 * 1024, maxPerMail: 10, maxPerQuery: 1_000, uploadsPerHour: 100_000 },
  });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  const sign = tokenFor;
  const people = {
    homeCustomer: await sign(customer(homeCustomerId)),
    homeExpert: await sign(expert(homeExpertId)),
    otherCustomer: await sign(customer(otherCustomerId)),
    ops: await sign({ subject: 'ops-1', role: 'ops' }),
    service: await sign({ subject: 'temporal-worker', role: 'service' }),
  };
  const home = await seedSupportTenants(baseUrl, seedCaller(baseUrl), people, document);
  // Held mail arrives only over SMTP: one is put in place as the listener holds a forged mail.
  const heldId = randomUUID();
  await db.prisma.heldInboundMail.create({
    data: {
      id: heldId,
      fromAddress: 'forged@other-co.example',
      subject: 'Held: pay this invoice',
      remoteIp: '192.0.2.1',
      sealedRaw: sealer.seal(Buffer.from('From: forged@other-co.example\r\nSubject: Held: pay this invoice\r\n\r\nPay.\r\n'), `held-mail:${heldId}`),
      authResults: { verdict: { fromDomain: 'other-co.example', spf: 'fail', spfDomain: 'other-co.example', dkim: [], dmarc: 'fail', reason: 'DMARC fail for other-co.example' }, envelope: { mailFrom: 'forged@other-co.example', rcptTo: ['support@support.guild.local'] } },
    },
  });
  home.records['held-mails.id'] = { value: heldId, tenancy: 'shared', why: 'held mail is for ops only and belongs to no customer until released' };
  return {
    name: 'support',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['support', 'platform'],
    home,
    foreignTokens: { 'foreign customer': people.otherCustomer, 'foreign expert': await sign(expert(otherExpertId)) },
    roleTokens: { customer: people.homeCustomer, expert: people.homeExpert, ops: people.ops, service: people.service },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    secrets: () => Object.values(people).filter((v): v is string => typeof v === 'string' && v.length >= 16),
    async close() {
      await closeServer();
      await db.drop();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}
