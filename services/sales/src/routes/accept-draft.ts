import { createHash } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { AppError, escapeHtml, type RouteRegistrar } from '@guild/platform';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { acceptDraft } from '../domain/report-outcome.js';

// The page the draft's accept link opens. The token rides after `#`, so fetching the link (as mail
// scanners do) accepts nothing and no log keeps it; a line of script copies it into the form, and
// only sending the form accepts.
const copyToken = `document.getElementById('token').value=decodeURIComponent(location.hash.replace(/^#token=/,''));`;
const pagePolicy = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(copyToken).digest('base64')}'; form-action 'self'; frame-ancestors 'none'`;
const MAX_FORM_BYTES = 4 * 1024;

function sendPage(res: Response, status: number, title: string, body: string) {
  res
    .status(status)
    .setHeader('content-security-policy', pagePolicy)
    .setHeader('cache-control', 'no-store')
    .type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

const acceptForm = `<form method="post" action="/drafts/accept">
<p>Accepting opens your company's account; we mail you an invitation to sign in.</p>
<input type="hidden" id="token" name="token">
<p><button type="submit">Accept the project plan</button></p>
</form><noscript><p>This page needs JavaScript to read your link.</p></noscript><script>${copyToken}</script>`;

async function tokenOf(req: Request): Promise<string> {
  if (!req.is('application/x-www-form-urlencoded')) throw new AppError('not_a_form', { status: 415, message: 'send the accept form' });
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FORM_BYTES) throw new AppError('form_too_large', { status: 413, message: 'the form is too large' });
  }
  return new URLSearchParams(text).get('token') ?? '';
}

export function registerAcceptDraftRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  r.route({
    method: 'get',
    path: '/drafts/accept',
    summary: 'The page a draft’s accept link opens (`#token=…`); opening it accepts nothing',
    tags: ['drafts'],
    roles: 'public',
    response: z.void(),
    handler: async ({ res }) => sendPage(res, 200, 'Your project plan', acceptForm),
  });

  r.route({
    method: 'post',
    path: '/drafts/accept',
    summary: "The accept page's form (urlencoded `token`): the lead is won and the customer's company is opened, once",
    description: 'HTML. A used, replaced or made-up link is a 404 page; accepting twice opens one company.',
    tags: ['drafts'],
    roles: 'public',
    response: z.void(),
    handler: async ({ req, res }) => {
      const token = await tokenOf(req);
      try {
        await acceptDraft(prisma, token);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return sendPage(res, 404, 'This link is no longer valid', `<p>${escapeHtml(err.message)}.</p>`);
        throw err;
      }
      eventsRecorded();
      sendPage(res, 200, 'Thank you — your plan is accepted', '<p>We are opening your company’s account: look for our invitation in your mailbox.</p>');
    },
  });
}
