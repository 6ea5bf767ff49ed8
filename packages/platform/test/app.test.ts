import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServiceApp, signToken, type Principal } from '../src/index.js';
import { captureLogs, eventually, testJwtSecret, tokenFor } from './support/kit.js';
import { createNotesApp } from './support/notes-app.js';

const acme: Principal = { subject: 'u-acme', role: 'customer', customerId: 'acme' };
const globex: Principal = { subject: 'u-globex', role: 'customer', customerId: 'globex' };
const ops: Principal = { subject: 'ops-1', role: 'ops' };
const alice: Principal = { subject: 'u-alice', role: 'expert', expertId: 'alice' };

const bearer = async (principal: Principal) => `Bearer ${await tokenFor(principal)}`;

async function writeNote(http: supertest.Agent, text = 'call the bank') {
  const res = await http.post('/notes').set('authorization', await bearer(acme)).send({ text });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('request validation and errors', () => {
  it('malformed JSON is a 400 invalid_json carrying the request id', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app)
      .post('/notes')
      .set('authorization', await bearer(acme))
      .set('content-type', 'application/json')
      .send('{"text": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_json' });
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });

  it('a body that breaks the schema is a 400 naming every failing field', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app)
      .post('/notes')
      .set('authorization', await bearer(acme))
      .send({ text: '', remindInMinutes: 1.5 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.remindInMinutes', 'body.text']);
    expect(res.body.error.fields.every((f: { message: string }) => f.message.length > 0)).toBe(true);
  });

  it('query strings are validated and coerced with the same rule', async () => {
    const { app } = createNotesApp();
    const bad = await supertest(app).get('/notes?limit=99');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ path: 'query.limit' })]);
    const good = await supertest(app).get('/notes?limit=3');
    expect(good.body).toEqual({ count: 0, limit: 3 });
  });

  it('an unknown route is a JSON 404', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
  });

  it('a body over the limit is a 413', async () => {
    const { app } = createNotesApp({ bodyLimit: '1kb' });
    const res = await supertest(app)
      .post('/notes')
      .set('authorization', await bearer(acme))
      .send({ text: 'x'.repeat(2_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('an unexpected failure is a generic 500: no stack, no internals, a request id to quote', async () => {
    const { app, logs } = createNotesApp();
    const res = await supertest(app).get('/boom').set('x-request-id', 'req-boom-1');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'internal', requestId: 'req-boom-1' });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|db\.internal|at .*\.ts/);
    expect(res.body.error.stack).toBeUndefined();
    const logged = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.some((line) => line['reqId'] === 'req-boom-1' && JSON.stringify(line['err']).includes('hunter2'))).toBe(true);
  });

  it('the caller’s x-request-id is honoured and echoed; otherwise one is generated', async () => {
    const { app } = createNotesApp();
    const given = await supertest(app).get('/healthz').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await supertest(app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('authentication and tenant isolation', () => {
  it('a route for customers refuses a request without a token', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app).post('/notes').send({ text: 'hi' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('an expired token is refused', async () => {
    const { app } = createNotesApp();
    const expired = await tokenFor(acme, { expiresIn: '-1 minute' });
    const res = await supertest(app).post('/notes').set('authorization', `Bearer ${expired}`).send({ text: 'hi' });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('a token signed with another secret is refused', async () => {
    const { app } = createNotesApp();
    const forged = await signToken('another-secret-of-at-least-32-characters!', acme);
    const res = await supertest(app).post('/notes').set('authorization', `Bearer ${forged}`).send({ text: 'hi' });
    expect(res.status).toBe(401);
  });

  it('a malformed token, or a valid signature over an unknown role, is refused', async () => {
    const { app } = createNotesApp();
    const garbage = await supertest(app).post('/notes').set('authorization', 'Bearer not.a.jwt').send({ text: 'hi' });
    expect(garbage.status).toBe(401);
    const { testJwtSecret } = await import('./support/kit.js');
    const admin = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setIssuer('guild')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(testJwtSecret));
    const res = await supertest(app).get('/notes/n1').set('authorization', `Bearer ${admin}`);
    expect(res.status).toBe(401);
  });

  it('a role the route does not serve is a 403', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app).post('/notes').set('authorization', await bearer(alice)).send({ text: 'hi' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('a customer asking for another customer’s note gets the 404 of a missing one, and no data', async () => {
    const { app } = createNotesApp();
    const http = supertest.agent(app);
    const note = await writeNote(http, 'acme secret plan');
    const res = await http.get(`/notes/${note.id}`).set('authorization', await bearer(globex));
    const missing = await http.get('/notes/n999').set('authorization', await bearer(globex));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(missing.body.error.code);
    expect(res.body.error.message).toBe(missing.body.error.message);
    expect(JSON.stringify(res.body)).not.toContain('secret plan');
  });

  it('ops read any note; the response carries only the fields its schema lists', async () => {
    const { app } = createNotesApp();
    const http = supertest.agent(app);
    const note = await writeNote(http);
    const res = await http.get(`/notes/${note.id}`).set('authorization', await bearer(ops));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: note.id, customerId: 'acme', text: 'call the bank' });
  });
});

describe('logs', () => {
  it('neither the authorization header nor a password in the body reaches the logs', async () => {
    const { app, logs } = createNotesApp();
    const token = await tokenFor(acme);
    const res = await supertest(app)
      .post('/notes')
      .set('authorization', `Bearer ${token}`)
      .set('cookie', 'session=cookie-value-42')
      .send({ text: 'hello', password: 'correct horse battery staple' });
    expect(res.status).toBe(201);
    const text = logs.text();
    expect(text).toContain('note received');
    expect(text).toContain('request completed');
    expect(text).not.toContain(token);
    expect(text).not.toContain('correct horse battery staple');
    expect(text).not.toContain('cookie-value-42');
    expect(text).toContain('[redacted]');
  });

  it('each request leaves one line: its id, method, route, status and duration, and no header', async () => {
    const { app, logs } = createNotesApp();
    const http = supertest(app);
    const { id } = await writeNote(http);
    const token = await tokenFor(acme);
    const res = await http.get(`/notes/${id}`).set('authorization', `Bearer ${token}`).set('cookie', 'session=cookie-value-43').set('x-request-id', 'req-read-1');
    expect(res.status).toBe(200);

    const lines = logs.lines.filter((line) => line.includes('req-read-1'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'request completed',
      reqId: 'req-read-1',
      req: { method: 'GET', url: `/notes/${id}`, route: '/notes/:id' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).not.toContain('cookie-value-43');
    expect(lines[0]).not.toMatch(/authorization|cookie|user-agent/i);
  });

  it('a refused request is logged as a warning with its status', async () => {
    const { app, logs } = createNotesApp();
    const res = await supertest(app).get('/notes/n404').set('authorization', await bearer(globex)).set('x-request-id', 'req-missing-1');
    expect(res.status).toBe(404);
    const line = logs.entries().find((entry) => entry['reqId'] === 'req-missing-1');
    expect(line).toMatchObject({ level: 40, msg: 'request completed', res: { statusCode: 404 } });
  });

  it('a request the client gives up on leaves one line, as aborted', async () => {
    const logs = captureLogs('abandoned-test');
    let started = false;
    let answer: () => void = () => {};
    const app = createServiceApp({ name: 'abandoned', logger: logs.logger, jwtSecret: testJwtSecret, readiness: {} }, (r) => {
      r.route({
        method: 'get',
        path: '/slow',
        summary: 'Answers when the test says so',
        roles: 'public',
        response: z.object({ ok: z.boolean() }),
        handler: () =>
          new Promise<{ ok: boolean }>((resolve) => {
            started = true;
            answer = () => resolve({ ok: true });
          }),
      });
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const request = http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/slow', headers: { 'x-request-id': 'req-gone-1' } });
      request.on('error', () => {});
      await eventually('the handler to start', async () => (started ? true : undefined));
      request.destroy();
      const aborted = await eventually('the aborted line', async () => logs.entries().find((e) => e['reqId'] === 'req-gone-1'));
      expect(aborted).toMatchObject({ msg: 'request aborted', req: { method: 'GET', url: '/slow', route: '/slow' } });
      answer();
      await new Promise((resolve) => setImmediate(resolve));
      expect(logs.entries().filter((e) => e['reqId'] === 'req-gone-1')).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('an access token in the URL is refused with a pointer to the header, and never logged', async () => {
    const { app, logs, notes } = createNotesApp();
    const token = await tokenFor(acme);
    const res = await supertest(app).post(`/notes?access_token=${token}&lang=en`).send({ text: 'hello' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'credentials_in_url', message: expect.stringContaining('send the token in the Authorization header') });
    expect(notes.size).toBe(0);
    const completed = logs.entries().find((entry) => entry['msg'] === 'request completed' || entry['msg'] === 'request errored');
    expect((completed?.['req'] as { url: string }).url).toBe('/notes?access_token=%5Bredacted%5D&lang=en');
    expect(logs.text()).not.toContain(token);

    const other = await supertest(app).get(`/notes?limit=3&Token=${token}`);
    expect(other.status).toBe(400);
    expect(logs.text()).not.toContain(token);
  });
});

describe('operations endpoints', () => {
  it('/healthz answers 200 while the process runs', async () => {
    const { app } = createNotesApp({ readiness: { database: async () => Promise.reject(new Error('down')) } });
    const res = await supertest(app).get('/healthz');
    expect(res.status).toBe(200);
  });

  it('/readyz is 503 naming each failing or silent check, 200 when all answer', async () => {
    const never = () => new Promise<void>(() => {});
    const { app } = createNotesApp({
      readiness: { database: async () => {}, nats: async () => Promise.reject(new Error('connection refused')), temporal: never },
    });
    const res = await supertest(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.failing.sort()).toEqual(['nats', 'temporal']);
    expect(JSON.stringify(res.body)).not.toContain('connection refused');

    const healthy = createNotesApp({ readiness: { database: async () => {} } });
    expect((await supertest(healthy.app).get('/readyz')).status).toBe(200);
  });

  it('/metrics exposes the request duration histogram by method, route template and status', async () => {
    const { app } = createNotesApp();
    const http = supertest.agent(app);
    const note = await writeNote(http);
    await http.get(`/notes/${note.id}`).set('authorization', await bearer(ops));
    await http.get('/nowhere/at/all');
    const res = await http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="\/notes\/:id",status_code="200"[^}]*\} 1/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched",status_code="404"/);
    expect(res.text).not.toContain(`/notes/${note.id}"`);
  });

  it('/metrics is refused to callers off this host unless they send the metrics token', async () => {
    const metricsToken = 'metrics-token-0123456789-abcdefghijklmnop';
    const { app } = createNotesApp({ metricsToken });
    const proxied = await supertest(app).get('/metrics').set('x-forwarded-for', '203.0.113.9');
    expect(proxied.status).toBe(403);
    expect(proxied.body.error.message).toContain('METRICS_TOKEN');
    const wrong = await supertest(app).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', 'Bearer guess');
    expect(wrong.status).toBe(403);
    const scraper = await supertest(app).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', `Bearer ${metricsToken}`);
    expect(scraper.status).toBe(200);
    expect(scraper.text).toContain('http_request_duration_seconds');
    // Without a token configured, only loopback callers (supertest's own) are served.
    const { app: local } = createNotesApp();
    expect((await supertest(local).get('/metrics')).status).toBe(200);
    expect((await supertest(local).get('/metrics').set('x-forwarded-for', '203.0.113.9').set('authorization', 'Bearer x')).status).toBe(403);
  });
});

describe('API documentation', () => {
  it('/openapi.json is an OpenAPI 3.1 document of every route with its schemas, roles and errors', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app).get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'notes service', version: '1.2.3' });
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

    const read = doc.paths['/notes/{id}'].get;
    expect(read.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1 } }]);
    expect(read.description).toContain('Roles: customer, ops.');
    expect(read.security).toEqual([{ bearerAuth: [] }]);
    expect(read.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['id', 'customerId', 'text'],
    });
    for (const status of ['400', '401', '403', '404']) {
      expect(read.responses[status].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    }

    const create = doc.paths['/notes'].post;
    expect(create.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 500 } },
      required: ['text'],
    });
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '404', '413']));

    const count = doc.paths['/notes'].get;
    expect(count.security).toEqual([]);
    expect(count.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 10, default: 5 } },
    ]);
    expect(doc.components.schemas.ErrorBody.properties.error.required).toEqual(['code', 'message', 'requestId']);
  });

  it('/docs serves Swagger UI', async () => {
    const { app } = createNotesApp();
    const res = await supertest(app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});

describe('input the database or a parser cannot take', () => {
  it('NUL characters and absurd nesting are a 400 naming the field, never a 500', async () => {
    const { app } = createNotesApp();
    const nul = await supertest(app).post('/notes').set('authorization', await bearer(acme)).send({ text: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.fields).toEqual([{ path: 'body.text', message: 'must not contain NUL characters' }]);

    const deep = '['.repeat(500) + ']'.repeat(500);
    const nested = await supertest(app).post('/notes').set('authorization', await bearer(acme)).set('content-type', 'application/json').send(deep);
    expect(nested.status).toBe(400);
  });

  it('an unpaired surrogate ("\\ud800") is a 400 naming the field, in values and in keys', async () => {
    const { app, notes } = createNotesApp();
    const send = async (raw: string) =>
      supertest(app).post('/notes').set('authorization', await bearer(acme)).set('content-type', 'application/json').send(raw);
    const lone = await send('{"text":"abc\\ud800def"}');
    expect(lone.status).toBe(400);
    expect(lone.body.error.fields).toEqual([{ path: 'body.text', message: expect.stringContaining('unpaired UTF-16 surrogates') }]);
    const trailing = await send('{"text":"\\udc00"}');
    expect(trailing.status).toBe(400);
    const inKey = await send('{"text":"ok","\\ud800":1}');
    expect(inKey.status).toBe(400);
    expect(notes.size).toBe(0);
    // A proper pair is one character, and welcome.
    expect((await send('{"text":"smile \\ud83d\\ude00"}')).status).toBe(201);
  });

  it('a body that does not match its content-encoding, or a broken path, is a client error', async () => {
    const { app } = createNotesApp();
    const encoded = await supertest(app)
      .post('/notes')
      .set('authorization', await bearer(acme))
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send('{"text":"not gzip"}');
    expect(encoded.status).toBe(400);
    expect((await supertest(app).get('/notes/%ZZ').set('authorization', await bearer(acme))).status).toBe(400);
  });

  it('a customer token that names no customer is refused', async () => {
    const { app } = createNotesApp();
    const nameless = await signToken('guild-test-secret-0123456789-abcdefghijklmnop', { subject: 'u', role: 'customer' });
    expect((await supertest(app).post('/notes').set('authorization', `Bearer ${nameless}`).send({ text: 'hi' })).status).toBe(401);
  });
});
