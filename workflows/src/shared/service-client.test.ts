import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient } from './service-client.js';

// A stand-in service: GET /status/<code> answers that status with the platform's error body.
let server: Server;
let baseUrl: string;
const seenAuthorization: (string | undefined)[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seenAuthorization.push(req.headers.authorization);
    const status = Number(/^\/status\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 200);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status < 400 ? { ok: true } : { error: { code: `code_${status}`, message: `the service says ${status}` } }));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

const support = () => createServiceClient('support', baseUrl, async () => 'worker-token');
async function failureOf(call: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await call.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('service client', () => {
  it('answers the JSON body of a success, calling as the worker', async () => {
    expect(await support().get('/status/200')).toEqual({ ok: true });
    expect(seenAuthorization.at(-1)).toBe('Bearer worker-token');
  });

  it.each([
    [404, 'NotFound'],
    [409, 'Conflict'],
    [422, 'Refused'],
    [400, 'Rejected'],
    [403, 'Rejected'],
  ])('a %i is a non-retryable %s carrying the service message', async (status, type) => {
    const failure = await failureOf(support().post(`/status/${status}`, { any: 'body' }));
    expect(failure).toMatchObject({ type, nonRetryable: true });
    expect(failure.message).toBe(`support POST /status/${status} answered ${status} code_${status}: the service says ${status}`);
  });

  it.each([500, 503, 429, 401])('a %i is retried', async (status) => {
    expect(await failureOf(support().get(`/status/${status}`))).toMatchObject({ type: 'ServiceUnavailable', nonRetryable: false });
  });

  it('an unreachable service is retried', async () => {
    const nowhere = createServiceClient('support', 'http://127.0.0.1:9', async () => 'worker-token');
    expect(await failureOf(nowhere.get('/anything'))).toMatchObject({ type: 'ServiceUnreachable', nonRetryable: false });
  });

  it('find answers null for a 404 and fails like get for anything else', async () => {
    expect(await support().find('/status/404')).toBeNull();
    expect(await support().find('/status/200')).toEqual({ ok: true });
    expect(await failureOf(support().find('/status/409'))).toMatchObject({ type: 'Conflict' });
  });
});
