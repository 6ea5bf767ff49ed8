import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { escapeHtml } from '../mail/template.js';
import type { RouteRegistrar } from './route.js';

/** What the page shows after the form is sent: a status, a title and trusted HTML (escape what came from outside). */
export interface OneClickOutcome {
  status: number;
  title: string;
  html: string;
}

export interface OneClickLinkPage {
  /** Both the page (GET) and its form (POST), e.g. `/nps/answer`. */
  path: string;
  tags: string[];
  page: { summary: string; description?: string; title: string };
  form: { summary: string; description: string };
  /** The form's own HTML beside the hidden token: what it says, its fields and its button. */
  formHtml: string;
  /** Shown without JavaScript, which the page needs to read the token from the link. */
  noScript: string;
  /** Names the form in the 415 for a body that is not one, e.g. 'send the rating form'. */
  notAFormMessage: string;
  /** The token's second part is the score it carries: the page shows it in `#score`. */
  showsScore?: boolean;
  maxFormBytes?: number;
  /** The title of the page that says why the form was refused (any `AppError` the action throws). */
  refusedTitle: string;
  /** The one thing the link does, with the form's fields (`token` among them). */
  act(form: URLSearchParams): Promise<OneClickOutcome>;
}

// The token rides after `#`: it never reaches a server log, and fetching the link (as mail scanners
// do) acts on nothing. A line of script copies it into the form; only sending the form acts.
const readToken = `const t=decodeURIComponent(location.hash.replace(/^#token=/,''));document.getElementById('token').value=t;`;
const showScore = `document.getElementById('score').textContent=t.split('.')[1]??'?';`;

/** The pair of routes behind a one-click mail link: a page that acts on nothing, and its form's POST that acts once. */
export function registerOneClickLinkPage(r: RouteRegistrar, page: OneClickLinkPage): void {
  const script = page.showsScore ? readToken + showScore : readToken;
  const policy = `default-src 'none'; script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'; form-action 'self'; frame-ancestors 'none'`;
  const send = (res: Response, { status, title, html }: OneClickOutcome): void => {
    res
      .status(status)
      .setHeader('content-security-policy', policy)
      .setHeader('cache-control', 'no-store')
      .type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${html}</body></html>`);
  };
  const formPage = `<form method="post" action="${page.path}">
<input type="hidden" id="token" name="token">
${page.formHtml}
</form><noscript><p>${page.noScript}</p></noscript><script>${script}</script>`;

  r.route({
    method: 'get',
    path: page.path,
    summary: page.page.summary,
    ...(page.page.description ? { description: page.page.description } : {}),
    tags: page.tags,
    roles: 'public',
    response: z.void(),
    handler: async ({ res }) => send(res, { status: 200, title: page.page.title, html: formPage }),
  });

  r.route({
    method: 'post',
    path: page.path,
    summary: page.form.summary,
    description: page.form.description,
    tags: page.tags,
    roles: 'public',
    response: z.void(),
    handler: async ({ req, res }) => {
      try {
        send(res, await page.act(await formOf(req, page)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        send(res, { status: error.status, title: page.refusedTitle, html: `<p>${escapeHtml(error.message)}</p>` });
      }
    },
  });
}

/** The form's fields; the app parses only JSON, so the page's urlencoded body is read here. */
async function formOf(req: Request, page: OneClickLinkPage): Promise<URLSearchParams> {
  if (!req.is('application/x-www-form-urlencoded')) throw new AppError('not_a_form', { status: 415, message: page.notAFormMessage });
  const limit = page.maxFormBytes ?? 16 * 1024;
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > limit) throw new AppError('form_too_large', { status: 413, message: 'the form is too large' });
  }
  return new URLSearchParams(text);
}
