import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';

// Query parameters that carry credentials: URLs end up in logs, proxies and browser history.
const secretParameter = /^(access_token|id_token|refresh_token|token|jwt|api_?key|client_secret|password|secret)(\[.*\])?$/i;
const censor = '[redacted]';

function secretNamesIn(search: string): string[] {
  return [...new URLSearchParams(search).keys()].filter((name) => secretParameter.test(name));
}

/** The URL with the values of credential-like query parameters replaced, for logs. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const secrets = new Set(secretNamesIn(url.slice(at + 1)));
  if (secrets.size === 0) return url;
  for (const name of secrets) params.set(name, censor);
  return `${url.slice(0, at)}?${params.toString()}`;
}

/** Refuses credentials in the URL, so clients learn to send them where they are not logged. */
export const refuseSecretsInUrl: RequestHandler = (req, _res, next) => {
  const at = req.originalUrl.indexOf('?');
  const names = at < 0 ? [] : secretNamesIn(req.originalUrl.slice(at + 1));
  if (names.length === 0) {
    next();
    return;
  }
  next(
    new AppError('credentials_in_url', {
      status: 400,
      message: `credentials do not belong in the URL (${names.join(', ')}): send the token in the Authorization header`,
    }),
  );
};
