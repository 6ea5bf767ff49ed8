import { ApplicationFailure } from '@temporalio/common';
import type { ServiceRefusal } from './service-refusals.js';

/**
 * How activities call a service: authenticated as the worker, JSON in and out. A refusal becomes
 * a named non-retryable failure carrying the service's message; anything else the service or the
 * network does wrong is retryable, so the activity's retry policy rides out outages.
 */
export interface ServiceClient {
  /** The service's name, as failures and logs show it. */
  readonly name: string;
  get<T>(path: string): Promise<T>;
  /** Like `get`, but a 404 answers null: for things that may simply not exist. */
  find<T>(path: string): Promise<T | null>;
  /** `idempotencyKey` (workflow id + step) makes a retried create the same create. */
  post<T>(path: string, body?: unknown, opts?: { idempotencyKey?: string }): Promise<T>;
  /** Sets a resource to the body (the same call twice sets the same state). */
  put<T>(path: string, body: unknown): Promise<T>;
}

// 401 is retried: an expired or rotated token is renewed on the next attempt. 408 and 429 ask to
// come back later.
const refusalByStatus: Record<number, ServiceRefusal> = { 404: 'NotFound', 409: 'Conflict', 422: 'Refused' };
const retryableClientErrors = new Set([401, 408, 429]);
const TIMEOUT_MS = 20_000;

export function createServiceClient(name: string, baseUrl: string, token: () => Promise<string>): ServiceClient {
  async function call(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
    const what = `${name} ${method} ${path}`;
    const res = await fetch(new URL(path, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch((err: unknown) => {
      throw ApplicationFailure.retryable(`${what}: ${err instanceof Error ? err.message : String(err)}`, 'ServiceUnreachable');
    });
    if (res.ok) return res;
    const { code, message } = await errorOf(res);
    const detail = `${what} answered ${res.status}${code ? ` ${code}` : ''}: ${message}`;
    const refusal = refusalByStatus[res.status];
    if (refusal) throw ApplicationFailure.nonRetryable(detail, refusal, { status: res.status, code });
    if (res.status < 500 && !retryableClientErrors.has(res.status)) {
      throw ApplicationFailure.nonRetryable(detail, 'Rejected', { status: res.status, code });
    }
    throw ApplicationFailure.retryable(detail, 'ServiceUnavailable', { status: res.status, code });
  }

  const json = async <T>(res: Response) => (res.status === 204 ? undefined : await res.json()) as T;
  return {
    name,
    get: async (path) => json(await call('GET', path)),
    find: async (path) => {
      try {
        return await json(await call('GET', path));
      } catch (err) {
        if (err instanceof ApplicationFailure && err.type === 'NotFound') return null;
        throw err;
      }
    },
    post: async (path, body, opts) => json(await call('POST', path, body, opts?.idempotencyKey)),
    put: async (path, body) => json(await call('PUT', path, body)),
  };
}

/** The service's `{ error: { code, message } }`, or the status text when it sent none. */
async function errorOf(res: Response): Promise<{ code: string | undefined; message: string }> {
  const text = await res.text().catch(() => '');
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (error && typeof error.message === 'string') {
      return { code: typeof error.code === 'string' ? error.code : undefined, message: error.message };
    }
  } catch {
    // not JSON: fall through to the status text
  }
  return { code: undefined, message: res.statusText || 'no message' };
}
