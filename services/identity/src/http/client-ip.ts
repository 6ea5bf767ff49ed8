import type { Request } from 'express';

/** The caller's address as Express sees it (behind a proxy only when `trust proxy` says so). */
export function clientIpOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
