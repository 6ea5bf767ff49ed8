import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import proto from '@temporalio/proto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createCodecServer, SESSION_COOKIE } from '../src/codec/codec-server.js';
import { EncryptionCodec } from '../src/codec/encryption-codec.js';
import { loadCodecKeyRing } from '../src/codec/keys.js';

const ProtoPayload = proto.temporal.api.common.v1.Payload;
const jwtSecret = randomBytes(32).toString('hex');
const ring = loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `k1:${randomBytes(32).toString('base64')}` });
const app = createCodecServer({ ring, jwtSecret, corsOrigins: ['http://127.0.0.1:8233', 'http://localhost:8233'] });
const customer = { email: 'jane.customer@example.org', phone: '+44 20 7946 0958' };

function token(claims: Record<string, string>, { secret = jwtSecret, expiresIn = '5m', issuer = 'guild' } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('person-1')
    .setIssuer(issuer)
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
const opsToken = () => token({ role: 'ops' });

/** What the Temporal UI posts: Payloads as protobuf JSON, bytes in base64. */
async function encryptedBody() {
  const encoded = await new EncryptionCodec(ring).encode([defaultPayloadConverter.toPayload(customer)]);
  return { payloads: encoded.map((p) => ProtoPayload.toObject(ProtoPayload.fromObject(p), { bytes: String })) };
}

function valuesOf(body: unknown): unknown[] {
  return (body as { payloads: Record<string, unknown>[] }).payloads.map((p) =>
    defaultPayloadConverter.fromPayload(ProtoPayload.fromObject(p)),
  );
}

describe('codec endpoint authentication', () => {
  it('refuses to decode without a token', async () => {
    const res = await request(app).post('/decode').send(await encryptedBody());

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect(JSON.stringify(res.body)).not.toContain(customer.email);
  });

  // Valid principals of other roles (a customer token names its customer, an expert token its expert).
  const nonOps: Record<string, Record<string, string>> = {
    expert: { role: 'expert', expertId: 'alice' },
    customer: { role: 'customer', customerId: 'acme' },
    service: { role: 'service' },
  };

  it.each(Object.keys(nonOps))('refuses to decode for a %s token', async (role) => {
    const res = await request(app)
      .post('/decode')
      .set('Authorization', `Bearer ${await token(nonOps[role]!)}`)
      .send(await encryptedBody());

    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
  });

  it.each([
    ['signed with another secret', () => token({ role: 'ops' }, { secret: randomBytes(32).toString('hex') })],
    ['expired', () => token({ role: 'ops' }, { expiresIn: '-1m' })],
    ['from another issuer', () => token({ role: 'ops' }, { issuer: 'elsewhere' })],
  ])('refuses an ops token %s', async (_case, makeToken) => {
    const res = await request(app)
      .post('/decode')
      .set('Authorization', `Bearer ${await makeToken()}`)
      .send(await encryptedBody());

    expect(res.status).toBe(401);
  });

  it('decodes for an ops bearer token', async () => {
    const res = await request(app)
      .post('/decode')
      .set('Authorization', `Bearer ${await opsToken()}`)
      .set('X-Namespace', 'default')
      .send(await encryptedBody());

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(valuesOf(res.body)).toEqual([customer]);
  });

  it('POST /session turns an ops bearer token into an HttpOnly cookie that then decodes', async () => {
    const session = await request(app).post('/session').set('Authorization', `Bearer ${await opsToken()}`);
    const cookie = session.headers['set-cookie']?.[0] ?? '';

    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ subject: 'person-1' });
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Expires=/);

    const res = await request(app)
      .post('/decode')
      .set('Cookie', cookie.split(';')[0]!)
      .send(await encryptedBody());
    expect(res.status).toBe(200);
    expect(valuesOf(res.body)).toEqual([customer]);
  });

  it('GET /session shows a form whose post signs in a browser tab, without letting the token be cached', async () => {
    const form = await request(app).get('/session');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<form method="post" action="session">');

    const res = await request(app).post('/session').type('form').send({ token: await opsToken() });

    expect(res.status).toBe(200);
    expect(res.text).toContain('Signed in to the Guild codec endpoint as person-1');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
  });

  it('refuses a token in the URL, where logs and browser history would keep it', async () => {
    const res = await request(app).get('/session').query({ token: await opsToken() });

    expect(res.status).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('does not open a session for a non-ops token', async () => {
    const res = await request(app).post('/session').type('form').send({ token: await token({ role: 'expert', expertId: 'alice' }) });

    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a cookie across sites needs SameSite=None, which is always Secure', async () => {
    const crossSite = createCodecServer({ ring, jwtSecret, cookieSameSite: 'none' });

    const res = await request(crossSite).post('/session').set('Authorization', `Bearer ${await opsToken()}`);

    expect(res.headers['set-cookie']?.[0]).toMatch(/SameSite=None/);
    expect(res.headers['set-cookie']?.[0]).toMatch(/Secure/);
  });

  it('DELETE /session signs out', async () => {
    const res = await request(app).delete('/session');

    expect(res.status).toBe(204);
    expect(res.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });
});

describe('codec endpoint for the Temporal UI', () => {
  it('answers the CORS preflight of the UI origin, credentials and UI headers allowed', async () => {
    const res = await request(app)
      .options('/decode')
      .set('Origin', 'http://127.0.0.1:8233')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-namespace,authorization');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://127.0.0.1:8233');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Namespace');
    expect(res.headers['vary']).toContain('Origin');
  });

  it('gives no CORS grant to another origin', async () => {
    const preflight = await request(app)
      .options('/decode')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    const post = await request(app)
      .post('/decode')
      .set('Origin', 'https://evil.example')
      .set('Authorization', `Bearer ${await opsToken()}`)
      .send(await encryptedBody());

    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds the CORS grant to the actual request from the UI origin', async () => {
    const res = await request(app)
      .post('/decode')
      .set('Origin', 'http://localhost:8233')
      .set('Authorization', `Bearer ${await opsToken()}`)
      .send(await encryptedBody());

    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:8233');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('encodes and decodes over HTTP, round trip', async () => {
    const auth = `Bearer ${await opsToken()}`;
    const plain = defaultPayloadConverter.toPayload(customer);
    const body = { payloads: [ProtoPayload.toObject(ProtoPayload.fromObject(plain), { bytes: String })] };

    const encoded = await request(app).post('/encode').set('Authorization', auth).send(body);
    const decoded = await request(app).post('/decode').set('Authorization', auth).send(encoded.body);

    expect(encoded.status).toBe(200);
    expect(JSON.stringify(encoded.body)).not.toContain(Buffer.from(JSON.stringify(customer)).toString('base64'));
    const encodedMetadata = (encoded.body as { payloads: { metadata: Record<string, string> }[] }).payloads[0]!.metadata;
    expect(Buffer.from(encodedMetadata['encoding']!, 'base64').toString()).toBe('binary/encrypted');
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual(body);
  });

  it('serves the protocol under a path prefix (it matches on the last segment only)', async () => {
    const res = await request(app)
      .post('/default/decode')
      .set('Authorization', `Bearer ${await opsToken()}`)
      .send(await encryptedBody());

    expect(res.status).toBe(200);
    expect(valuesOf(res.body)).toEqual([customer]);
  });

  it('answers 400 for a body that is not Payloads JSON', async () => {
    const auth = `Bearer ${await opsToken()}`;

    const notPayloads = await request(app).post('/decode').set('Authorization', auth).send({ nope: true });
    const badBase64 = await request(app).post('/decode').set('Authorization', auth).send({ payloads: [{ data: '@@@' }] });
    const notJson = await request(app).post('/decode').set('Authorization', auth).set('Content-Type', 'application/json').send('{');

    expect(notPayloads.status).toBe(400);
    expect(badBase64.status).toBe(400);
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('limits bodies to 4 MB, and reads none before authenticating', async () => {
    const big = { payloads: [{ data: 'A'.repeat(5 * 1024 * 1024) }] };

    const anonymous = await request(app).post('/decode').send(big);
    const ops = await request(app).post('/decode').set('Authorization', `Bearer ${await opsToken()}`).send(big);

    expect(anonymous.status).toBe(401);
    expect(ops.status).toBe(413);
    expect(ops.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers 400 naming the key when a payload was encrypted under a key it does not hold', async () => {
    const otherRing = loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `retired-2024:${randomBytes(32).toString('base64')}` });
    const encoded = await new EncryptionCodec(otherRing).encode([defaultPayloadConverter.toPayload(customer)]);

    const res = await request(app)
      .post('/decode')
      .set('Authorization', `Bearer ${await opsToken()}`)
      .send({ payloads: encoded.map((p) => ProtoPayload.toObject(ProtoPayload.fromObject(p), { bytes: String })) });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'decode_failed', message: expect.stringContaining('"retired-2024"') } });
  });

  it('reports healthy without authentication', async () => {
    const res = await request(app).get('/healthz');

    expect(res.status).toBe(200);
  });
});
