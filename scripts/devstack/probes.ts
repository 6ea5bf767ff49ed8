import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether something accepts TCP connections at host:port. */
export function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether a GET on the URL answers with a 2xx status. */
export async function httpAnswers(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Polls `check` until it holds. Gives up early when `gaveUp` names a reason (the process we wait
 * for has exited), else after `timeoutMs`; the result says which.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  { timeoutMs, gaveUp = () => undefined }: { timeoutMs: number; gaveUp?: () => string | undefined },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return { ok: true };
    const reason = gaveUp();
    if (reason) return { ok: false, reason };
    if (Date.now() > deadline) return { ok: false, reason: `no answer within ${timeoutMs / 1000} s` };
    await sleep(250);
  }
}

/** Host and port of a server URL such as postgresql://user@host:5432/db or nats://host:4222. */
export function endpointOf(url: string, defaultPort: number): { host: string; port: number } {
  const first = url.split(',')[0] ?? url;
  const parsed = new URL(first.includes('://') ? first : `nats://${first}`);
  return { host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(parsed.port || defaultPort) };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A URL fit for the terminal: the password replaced by ***. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
