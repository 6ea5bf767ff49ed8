import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, escapeHtml, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { answerNpsSurvey } from '../domain/nps.js';
import type { ProjectsSettings } from '../domain/settings.js';
import type { ProjectRouteDeps } from './projects.js';

// The page an NPS link opens. Links carry their token after `#`, as identity's links do: it never
// reaches a server log, and fetching the link (as mail scanners do) answers nothing. A line of
// script copies the token into the form; sending the form answers.
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

const answerForm = `<form method="post" action="/nps/answer">
<p>Your score: <strong id="score">?</strong> out of 10</p>
<input type="hidden" id="token" name="token">
<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="5" cols="60" maxlength="5000"></textarea></p>
<p><button type="submit">Send my answer</button></p>
</form><noscript><p>This page needs JavaScript to read your answer from the link.</p></noscript><script>${copyToken}</script>`;

/** The form's fields; the app parses only JSON, so the page's urlencoded body is read here. */
async function formOf(req: Request): Promise<URLSearchParams> {
  if (!req.is('application/x-www-form-urlencoded')) throw new AppError('not_a_form', { status: 415, message: 'send the answer form' });
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FORM_BYTES) throw new AppError('form_too_large', { status: 413, message: 'the form is too large' });
  }
  return new URLSearchParams(text);
}

export function registerNpsAnswerPage(r: RouteRegistrar, { prisma, eventsRecorded, settings }: ProjectRouteDeps & { settings: ProjectsSettings }) {
  r.route({
    method: 'get',
    path: '/nps/answer',
    summary: 'The page an NPS mail link opens (`#token=…`): confirms the score, takes a comment',
    description: 'HTML. Opening it answers nothing; its form posts to `POST /nps/answer`.',
    tags: ['nps'],
    roles: 'public',
    response: z.void(),
    handler: async ({ res }) => sendPage(res, 200, 'Thank you for your feedback', answerForm),
  });

  r.route({
    method: 'post',
    path: '/nps/answer',
    summary: "The NPS answer page's form (urlencoded `token`, `comment`)",
    description: 'HTML. One answer per survey; front ends send JSON to `POST /nps/answers` instead.',
    tags: ['nps'],
    roles: 'public',
    response: z.void(),
    handler: async ({ req, res }) => {
      try {
        const form = await formOf(req);
        const comment = form.get('comment')?.trim();
        const answer = await answerNpsSurvey(prisma, settings.npsLinkKey, { token: form.get('token') ?? '', ...(comment ? { comment: comment.slice(0, 5_000) } : {}) });
        eventsRecorded();
        sendPage(res, 201, 'Thank you', `<p>We received your score of ${answer.score}.</p>`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        sendPage(res, error.status, 'We could not take this answer', `<p>${escapeHtml(error.message)}</p>`);
      }
    },
  });
}
