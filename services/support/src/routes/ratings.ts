import { createHash } from 'node:crypto';
import { queryRatingBodySchema, queryRatingViewSchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { AppError, escapeHtml, type RouteRegistrar } from '@guild/platform';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { rateQuery } from '../domain/rate-query.js';

// The page a rating link opens. The token rides after `#`: it never reaches a server log, and
// fetching the link (as mail scanners do) rates nothing. A line of script copies it into the
// form; sending the form rates.
const copyToken = `const t=decodeURIComponent(location.hash.replace(/^#token=/,''));document.getElementById('token').value=t;document.getElementById('score').textContent=t.split('.')[1]??'?';`;
const pagePolicy = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(copyToken).digest('base64')}'; form-action 'self'; frame-ancestors 'none'`;
const MAX_FORM_BYTES = 16 * 1024;

function sendPage(res: Response, status: number, title: string, body: string) {
  res
    .status(status)
    .setHeader('content-security-policy', pagePolicy)
    .type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

const ratingForm = `<form method="post" action="/ratings/answer">
<p>Your rating: <strong id="score">?</strong> out of 5</p>
<input type="hidden" id="token" name="token">
<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="5" cols="60" maxlength="5000"></textarea></p>
<p><button type="submit">Send my rating</button></p>
</form><noscript><p>This page needs JavaScript to read your rating from the link.</p></noscript><script>${copyToken}</script>`;

/** The form's fields; the app parses only JSON, so the page's urlencoded body is read here. */
async function formOf(req: Request): Promise<URLSearchParams> {
  if (!req.is('application/x-www-form-urlencoded')) throw new AppError('not_a_form', { status: 415, message: 'send the rating form' });
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FORM_BYTES) throw new AppError('form_too_large', { status: 413, message: 'the form is too large' });
  }
  return new URLSearchParams(text);
}

/** Satisfaction ratings from the resolution mail: a page with a form, its form post, and a JSON twin. */
export function registerRatingRoutes(r: RouteRegistrar, { prisma, ratingLinkKey }: { prisma: PrismaClient; ratingLinkKey: string }) {
  r.route({
    method: 'get',
    path: '/ratings/answer',
    summary: 'The page a rating link opens (`#token=…`): confirms the score, takes a comment',
    description: 'HTML. Opening it rates nothing; its form posts to `POST /ratings/answer`.',
    tags: ['ratings'],
    roles: 'public',
    response: z.void(),
    handler: async ({ res }) => sendPage(res, 200, 'How did we do?', ratingForm),
  });

  r.route({
    method: 'post',
    path: '/ratings/answer',
    summary: "The rating page's form (urlencoded `token`, `comment`)",
    description: 'HTML. One rating per query (409 on a second, the first kept); a forged or expired link is a 404.',
    tags: ['ratings'],
    roles: 'public',
    response: z.void(),
    handler: async ({ req, res }) => {
      try {
        const form = await formOf(req);
        const comment = form.get('comment')?.trim().slice(0, 5_000);
        const rating = await rateQuery(prisma, ratingLinkKey, { token: form.get('token') ?? '', comment });
        sendPage(res, 201, 'Thank you', `<p>We received your rating of ${rating.score}.</p>`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        sendPage(res, error.status, 'We could not take this rating', `<p>${escapeHtml(error.message)}</p>`);
      }
    },
  });

  r.route({
    method: 'post',
    path: '/ratings',
    summary: 'Rate a resolved query through its signed link (JSON)',
    description: 'The token carries the query and the 1–5 score, signed, with an expiry; one rating per query (409 on a second). No sign-in.',
    tags: ['ratings'],
    roles: 'public',
    body: queryRatingBodySchema,
    response: queryRatingViewSchema,
    status: 201,
    handler: async ({ body }) => rateQuery(prisma, ratingLinkKey, body),
  });
}
