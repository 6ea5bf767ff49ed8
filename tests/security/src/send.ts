import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as it is: percent-encoding, dot segments and all. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Longer than this is a hang, whatever the request was. */
export const requestTimeoutMs = 5_000;

/**
 * One request over a real socket with node:http rather than fetch, so odd paths, headers and
 * bodies reach the server byte for byte. Rejects when no complete answer came within the timeout.
 */
export function send(baseUrl: string, request: RawRequest, timeoutMs = requestTimeoutMs): Promise<RawResponse> {
  const url = new URL(baseUrl);
  // Framed by its length whatever the method: Node sends a GET body unframed otherwise, which
  // the server would read as the start of a second, malformed request.
  const headers = request.body === undefined ? request.headers : { 'content-length': String(Buffer.byteLength(request.body)), ...request.headers };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer to ${request.method} ${request.path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A JSON request with a bearer token, as the seeding owners and the matrix send them. */
export async function sendJson(baseUrl: string, method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await send(baseUrl, { method, path, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
  return { ...res, json: parseJson(res.text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
