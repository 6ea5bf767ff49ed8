import { createHmac, timingSafeEqual } from 'node:crypto';

// A one-click answer link carries the survey and the score, signed, so the answer needs no sign-in
// and nobody can forge another survey's answer or another score.

function signatureOf(key: string, surveyId: string, score: number): string {
  return createHmac('sha256', key).update(`nps:${surveyId}:${score}`).digest('base64url');
}

export function npsAnswerToken(key: string, surveyId: string, score: number): string {
  return `${surveyId}.${score}.${signatureOf(key, surveyId, score)}`;
}

/** The survey and score a token names, or null when it is not one this key signed. */
export function readNpsAnswerToken(key: string, token: string): { surveyId: string; score: number } | null {
  const match = /^([0-9a-f-]{36})\.(10|[0-9])\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, surveyId, scoreText, signature] = match as unknown as [string, string, string, string];
  const score = Number(scoreText);
  const expected = Buffer.from(signatureOf(key, surveyId, score));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { surveyId, score } : null;
}
