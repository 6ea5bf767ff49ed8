/** A small HTTP client for calls from activities to a service, authenticated as a service. */
export interface ServiceHttp {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
}

export function createServiceHttp(baseUrl: string, token: () => Promise<string>): ServiceHttp {
  async function call(method: string, path: string, body?: unknown) {
    return fetch(new URL(path, baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
  }
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}
