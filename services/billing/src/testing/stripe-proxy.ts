import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A thin proxy in front of stripe-mock for tests. stripe-mock is stateless and dedupes nothing, so
 * the proxy counts every write that reaches "Stripe", and lets a test say what Stripe shows for an
 * object when billing re-reads it (`invoice in_… is paid`), as Stripe itself would after a payment.
 */
export async function startStripeProxy(target = process.env.STRIPE_API_URL ?? 'http://127.0.0.1:12111') {
  const writes: string[] = [];
  const shown = new Map<string, Record<string, unknown>>();

  async function forward(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    if (req.method !== 'GET') writes.push(`${req.method} ${path.replace(/\?.*$/, '')}`);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const upstream = await fetch(new URL(path, target), { method: req.method ?? 'GET', headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
    let body = await upstream.text();
    const id = path.split('?')[0]!.split('/')[3];
    if (req.method === 'GET' && id && shown.has(id)) body = JSON.stringify({ ...(JSON.parse(body) as object), ...shown.get(id) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    res.end(body);
  }

  const server = createServer((req, res) => {
    forward(req, res).catch((err: unknown) => {
      res.writeHead(502);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Every write (POST/DELETE) that reached Stripe, as `METHOD /v1/path`. */
    writes,
    writesTo: (pattern: RegExp) => writes.filter((w) => pattern.test(w)).length,
    /** What Stripe shows for an object from now on, over stripe-mock's fixture. */
    show(id: string, fields: Record<string, unknown>) {
      shown.set(id, { ...shown.get(id), ...fields });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type StripeProxy = Awaited<ReturnType<typeof startStripeProxy>>;
