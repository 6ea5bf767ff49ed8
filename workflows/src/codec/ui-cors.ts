import type { RequestHandler } from 'express';

export const defaultUiOrigins = ['http://127.0.0.1:8233', 'http://localhost:8233'];

/**
 * The Temporal UI calls the codec from the ops person's browser, cross-origin. Only the listed UI
 * origins get CORS headers, with credentials allowed because the session cookie is how the UI
 * authenticates (see codec-server.ts). Listing origins (never `*`) is what keeps another site
 * from reading decrypted payloads with that cookie.
 */
export function uiCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin !== undefined && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (origin === undefined || !allowed.has(origin)) {
      res.status(403).json({ error: { code: 'origin_not_allowed', message: `origin ${origin ?? '(none)'} is not a configured Temporal UI origin` } });
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
