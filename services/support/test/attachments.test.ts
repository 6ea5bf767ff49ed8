import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAttachmentKeys } from '../src/attachments/config.js';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { createSealer } from '@guild/platform';
import { startMailStack, testAttachmentKeys, type MailStack } from './mail-stack.js';
import { customer, expert, ops } from './support-app.js';

let stack: MailStack;
const acme = customer('acme');
const globex = customer('globex');
const alice = expert('alice');
const bob = expert('bob');
const maxAttachmentBytes = 32 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  stack = await startMailStack({ maxAttachmentBytes });
  await stack.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
});
afterAll(async () => stack?.stop());

async function openQuery() {
  const res = await stack.as(acme).post('/queries', { subject: 'Import fails', body: 'The import stops at row 1200.' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('attaching a file to a query', () => {
  it('stores what the customer sends, lists it on the query, and gives the same bytes back', async () => {
    const id = await openQuery();
    const screenshot = randomBytes(5_000);
    const res = await stack.as(acme).upload(`/queries/${id}/attachments?filename=import-error.png`, screenshot, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filename: 'import-error.png', contentType: 'image/png', sizeBytes: 5_000, sha256: sha256(screenshot) });

    const view = await stack.as(alice).get(`/queries/${id}`);
    expect(view.body.attachments).toEqual([res.body]);

    const download = await stack.as(acme).download(`/queries/${id}/attachments/${res.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="?import-error\.png"?$/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, screenshot)).toBe(0);
  });

  it('the assigned expert may attach too; ops may read', async () => {
    const id = await openQuery();
    const patch = Buffer.from('--- a/import.ts\n+++ b/import.ts\n');
    const res = await stack.as(alice).upload(`/queries/${id}/attachments?filename=fix.patch`, patch, 'text/x-diff');
    expect(res.status).toBe(201);
    const download = await stack.as(ops).download(`/queries/${id}/attachments/${res.body.id}`);
    expect(download.status).toBe(200);
    expect((download.body as Buffer).toString()).toBe(patch.toString());
  });

  it('another customer or expert neither sees nor adds files: 404, as for a query that does not exist', async () => {
    const id = await openQuery();
    const uploaded = await stack.as(acme).upload(`/queries/${id}/attachments?filename=log.txt`, Buffer.from('secret log'), 'text/plain');
    for (const stranger of [globex, bob]) {
      const read = await stack.as(stranger).download(`/queries/${id}/attachments/${uploaded.body.id}`);
      expect(read.status).toBe(404);
      expect((read.body as Buffer).toString()).not.toContain('secret log');
      const write = await stack.as(stranger).upload(`/queries/${id}/attachments?filename=x.txt`, Buffer.from('x'), 'text/plain');
      expect(write.status).toBe(404);
    }
    expect(await stack.prisma.attachment.count({ where: { queryId: id } })).toBe(1);
  });

  it('a file over the limit is refused with 413 and nothing is stored', async () => {
    const id = await openQuery();
    const res = await stack.as(acme).upload(`/queries/${id}/attachments?filename=core.dmp`, randomBytes(maxAttachmentBytes + 1), 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await stack.prisma.attachment.count({ where: { queryId: id } })).toBe(0);
  });

  it('the same bytes sent twice are kept once on disk, and listed twice', async () => {
    const id = await openQuery();
    const dump = randomBytes(1_000);
    const first = await stack.as(acme).upload(`/queries/${id}/attachments?filename=a.bin`, dump, 'application/octet-stream');
    const second = await stack.as(acme).upload(`/queries/${id}/attachments?filename=b.bin`, dump, 'application/octet-stream');
    expect(first.body.sha256).toBe(second.body.sha256);
    const folder = path.join(stack.attachmentDir, sha256(dump).slice(0, 2));
    expect((await readdir(folder)).filter((f) => f.startsWith(sha256(dump)))).toEqual([sha256(dump)]);
    expect(await stack.prisma.attachment.count({ where: { queryId: id } })).toBe(2);
  });

  it('keeps only the name of a file sent with its folders, and needs a name', async () => {
    const id = await openQuery();
    const named = await stack.as(acme).upload(`/queries/${id}/attachments?filename=${encodeURIComponent('C:\\logs\\..\\app.log')}`, Buffer.from('x'), 'text/plain');
    expect(named.body.filename).toBe('app.log');
    const unnamed = await stack.as(acme).upload(`/queries/${id}/attachments`, Buffer.from('x'), 'text/plain');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields.map((f: { path: string }) => f.path)).toContain('query.filename');
  });

  it('a JSON file comes as application/octet-stream: the JSON parser would have consumed its bytes', async () => {
    const id = await openQuery();
    const res = await stack.as(acme).upload(`/queries/${id}/attachments?filename=settings.json`, Buffer.from('{"retries":3}'), 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('application/octet-stream');
  });

  it('a resolved query takes no more files', async () => {
    const id = await openQuery();
    await stack.as(acme).post(`/queries/${id}/resolution`);
    const res = await stack.as(acme).upload(`/queries/${id}/attachments?filename=late.log`, Buffer.from('late'), 'text/plain');
    expect(res.status).toBe(409);
  });

  it('an unknown attachment is 404', async () => {
    const id = await openQuery();
    const res = await stack.as(acme).get(`/queries/${id}/attachments/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
  });
});

describe('attachments at rest', () => {
  it("an uploaded file's bytes on disk do not contain its plaintext, and only the right key opens them", async () => {
    const id = await openQuery();
    const secret = Buffer.from('DATABASE_URL=postgres://admin:hunter2@db.acme.internal/prod\n'.repeat(20));
    const res = await stack.as(acme).upload(`/queries/${id}/attachments?filename=.env`, secret, 'text/plain');
    expect(res.status).toBe(201);
    const onDisk = await readFile(path.join(stack.attachmentDir, res.body.sha256.slice(0, 2), res.body.sha256));
    expect(onDisk.includes(Buffer.from('hunter2'))).toBe(false);
    expect(onDisk.includes(secret.subarray(0, 32))).toBe(false);
    const otherKeys = createFileAttachmentStore(stack.attachmentDir, createSealer(testAttachmentKeys()));
    await expect(otherKeys.read(res.body.sha256)).rejects.toThrow(/does not list|do not open/);
  });

  it('key rotation: a new current key wraps new files, old files still open, and re-wrapping lets the old key go', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'guild-rotation-'));
    try {
      const [oldKey, newKey] = ['old', 'new'].map((id) => `${id}:${randomBytes(32).toString('base64')}`);
      const before = createFileAttachmentStore(dir, createSealer(loadAttachmentKeys({ ATTACHMENT_KEYS: oldKey })));
      const file = randomBytes(3_000);
      const { sha256: stored } = await before.put(file);

      const rotated = createFileAttachmentStore(dir, createSealer(loadAttachmentKeys({ ATTACHMENT_KEYS: `${oldKey},${newKey}` })));
      expect(Buffer.compare((await rotated.read(stored))!, file)).toBe(0);
      expect(await rotated.rewrap(stored)).toBe(true);
      expect(await rotated.rewrap(stored)).toBe(false);

      const onlyNew = createFileAttachmentStore(dir, createSealer(loadAttachmentKeys({ ATTACHMENT_KEYS: newKey })));
      expect(Buffer.compare((await onlyNew.read(stored))!, file)).toBe(0);
      await expect(before.read(stored)).rejects.toThrow(/does not list/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ops re-wrap every file with the current key through the API', async () => {
    const res = await stack.as(ops).post('/attachments/key-rotation');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rewrappedFiles: 0, rewrappedHeldMails: 0, currentKeyId: 'test' });
    expect((await stack.as(alice).post('/attachments/key-rotation')).status).toBe(403);
  });

  it('a missing or malformed key ring names the variable to fix', () => {
    expect(() => loadAttachmentKeys({})).toThrow(/ATTACHMENT_KEYS: is required/);
    expect(() => loadAttachmentKeys({ ATTACHMENT_KEYS: `k1:${randomBytes(16).toString('base64')}` })).toThrow(/16 bytes; AES-256 needs 32/);
    expect(() => loadAttachmentKeys({ ATTACHMENT_KEYS: `k1:${randomBytes(32).toString('base64')}`, ATTACHMENT_KEY_ID: 'k2' })).toThrow(/ATTACHMENT_KEY_ID: names key "k2"/);
  });
});

describe('attachment policy', () => {
  let capped: MailStack;
  beforeAll(async () => {
    capped = await startMailStack({ caps: { perMail: 10, perQuery: 2 }, uploadsPerHour: 3 });
    await capped.as(ops).put('/customers/acme/expert-assignment', { expertId: 'alice' });
  });
  afterAll(async () => capped?.stop());

  it('a query holds at most the files the policy allows, and API uploads are rate limited per account', async () => {
    const id = (await capped.as(acme).post('/queries', { subject: 'Logs', body: 'Here they come.' })).body.id as string;
    const upload = (who: typeof acme, name: string) => capped.as(who).upload(`/queries/${id}/attachments?filename=${name}`, randomBytes(100), 'application/octet-stream');
    expect((await upload(acme, 'one.bin')).status).toBe(201);
    expect((await upload(acme, 'two.bin')).status).toBe(201);
    const third = await upload(acme, 'three.bin');
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'too_many_attachments', message: expect.stringContaining('at most 2 files') });

    // The refused third file was not counted; the account's third upload this hour is its last.
    const other = (await capped.as(acme).post('/queries', { subject: 'More', body: 'More logs.' })).body.id as string;
    const more = (name: string) => capped.as(acme).upload(`/queries/${other}/attachments?filename=${name}`, randomBytes(100), 'application/octet-stream');
    expect((await more('four.bin')).status).toBe(201);
    const res = await more('five.bin');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toEqual(expect.any(String));
    expect((await capped.as(alice).upload(`/queries/${other}/attachments?filename=mine.bin`, randomBytes(100), 'application/octet-stream')).status).toBe(201);
  });
});
