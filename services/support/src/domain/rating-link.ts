import { createHmac, timingSafeEqual } from 'node:crypto';

// A one-click rating link carries the query, the score and an expiry, signed: rating needs no
// sign-in, and nobody can forge another query's rating, another score or a longer life.

const RATING_LINK_DAYS = 30;

function signatureOf(key: string, queryId: string, score: number, expiresAt: number): string {
  return createHmac('sha256', key).update(`rating:${queryId}:${score}:${expiresAt}`).digest('base64url');
}

export function ratingToken(key: string, queryId: string, score: number, now: Date): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + RATING_LINK_DAYS * 24 * 3600;
  return `${queryId}.${score}.${expiresAt}.${signatureOf(key, queryId, score, expiresAt)}`;
}

/** The query and score a token names, or null when this key did not sign it or it has expired. */
export function readRatingToken(key: string, token: string, now: Date): { queryId: string; score: number } | null {
  const match = /^([0-9a-f-]{36})\.([1-5])\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, queryId, scoreText, expiresText, signature] = match as unknown as [string, string, string, string, string];
  const score = Number(scoreText);
  const expiresAt = Number(expiresText);
  const expected = Buffer.from(signatureOf(key, queryId, score, expiresAt));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return expiresAt * 1000 > now.getTime() ? { queryId, score } : null;
}

/** The five links of a resolution mail; each opens the rating page, the token after `#` (never in a server log). */
export function ratingLinks(settings: ResolutionSettings, queryId: string, now: Date) {
  const page = new URL('/ratings/answer', settings.publicUrl);
  return [1, 2, 3, 4, 5].map((score) => ({ score, url: `${page.href}#token=${ratingToken(settings.ratingLinkKey, queryId, score, now)}` }));
}

export interface ResolutionSettings {
  /** Signs the rating links of resolution mails. */
  ratingLinkKey: string;
  /** Where customers' browsers reach support's rating page. */
  publicUrl: string;
}
