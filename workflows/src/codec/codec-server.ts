import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { createTokenVerifier, type TokenVerifier } from '@guild/platform';
import { z } from 'zod';
import { EncryptionCodec } from './encryption-codec.js';
import type { CodecKeyRing } from './keys.js';
import { OpsAuthError, verifyOpsToken, type OpsPrincipal } from './ops-auth.js';
import { payloadsFromJson, payloadsToJson } from './payloads-json.js';
import { defaultUiOrigins, uiCors } from './ui-cors.js';

/*
 * How ops authenticate, given what the Temporal UI can send (temporalio/ui,
 * src/lib/services/data-encoder.ts and utilities/get-codec.ts):
 *
 * - The UI POSTs `{endpoint}/decode` from the browser with `Content-Type: application/json` and
 *   `X-Namespace`. It adds `Authorization: Bearer <token>` only with "pass access token" on, only
 *   to an https endpoint, and the token is the UI's own OIDC login token, not a Guild JWT. A dev
 *   server (`temporal server start-dev`) has no UI login at all, so there is no token to forward.
 * - With "Include cross-origin credentials" on, the UI fetches with `credentials: 'include'`, so
 *   the browser sends this server's cookies. That is what works: an ops person opens GET /session
 *   once in a tab and pastes an ops JWT into its form (POST, never in a URL, where logs and
 *   histories would keep it), which stores the token in an HttpOnly cookie.
 *   `start-dev --ui-codec-endpoint` sets the endpoint only, never that option, and a server-level
 *   endpoint wins over the browser's options; so in "Configure Codec Server" the person ticks
 *   "Use my browser setting and ignore cluster-level setting", enters the same endpoint and ticks
 *   "Include cross-origin credentials". A UI server (temporalio/ui image) can set it for everyone:
 *   TEMPORAL_CODEC_ENDPOINT plus TEMPORAL_CODEC_INCLUDE_CREDENTIALS=true.
 * - The cookie is SameSite=Strict by default: the UI and this server then share a site (same
 *   host, other port, e.g. 127.0.0.1:8233 and 127.0.0.1:8089, or two subdomains of one domain),
 *   and a same-site fetch carries Strict cookies. Only when they sit on different sites is
 *   `cookieSameSite: 'none'` needed, which forces Secure (https) and meets third-party cookie
 *   blocking in some browsers.
 * - Scripts and the Temporal CLI send the header: `--codec-endpoint URL --codec-auth 'Bearer <jwt>'`.
 *
 * CSRF: /decode and /encode change nothing, and CORS lets only the listed UI origins read answers.
 */

export const SESSION_COOKIE = 'guild_ops_session';

/**
 * A pino logger fits. Each decode is recorded with who read which namespace's payloads, never
 * with the payloads themselves.
 */
export interface CodecServerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface CodecServerOptions {
  ring: CodecKeyRing;
  /** Verifies ops tokens (`tokenVerifierFromConfig`); tests may give just the dev secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  /** Temporal UI origins allowed to call from a browser; defaults to the dev server UI. */
  corsOrigins?: readonly string[];
  cookieSameSite?: 'strict' | 'none';
  logger?: CodecServerLogger;
}

const payloadsBody = z.object({ payloads: z.array(z.record(z.string(), z.unknown())) });

class CodecRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Temporal's remote codec protocol (POST …/encode, …/decode) behind ops authentication. */
export function createCodecServer(options: CodecServerOptions): express.Express {
  const codec = new EncryptionCodec(options.ring);
  const verify = options.verifyToken ?? createTokenVerifier({ jwtSecret: options.jwtSecret });
  const sameSite = options.cookieSameSite ?? 'strict';
  const logger = options.logger;
  const app = express();
  app.disable('x-powered-by');
  app.use(uiCors(options.corsOrigins ?? defaultUiOrigins));
  // Parsed only after authentication, so an anonymous caller cannot make the server read 4 MB.
  const payloadsJson = express.json({ limit: '4mb' });
  const requireOps: RequestHandler = async (req, res, next) => {
    res.locals['principal'] = await authenticateOps(req, verify);
    next();
  };

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const startSession = async (req: Request, res: Response, token: string) => {
    const principal = await verifyOpsToken(token, verify);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite,
      secure: sameSite === 'none' || req.secure,
      path: '/',
      ...(principal.expiresAt ? { expires: principal.expiresAt } : {}),
    });
    logger?.info({ subject: principal.subject }, 'codec session started');
    return principal;
  };

  // Scripts send the bearer header; a browser tab posts the form GET /session shows.
  app.post('/session', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const formToken = typeof req.body?.token === 'string' && req.body.token.trim() ? (req.body.token as string).trim() : undefined;
    const principal = await startSession(req, res, bearerToken(req) ?? formToken ?? missingToken());
    if (formToken) signedInPage(res, principal);
    else res.json(sessionView(principal));
  });

  app.get('/session', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (req.query['token'] !== undefined) {
      throw new OpsAuthError(400, 'a token in a URL ends up in logs and browser history: paste it into the form at GET /session instead');
    }
    if (!bearerToken(req) && !sessionCookie(req)) {
      res.type('html').send(sessionForm);
      return;
    }
    signedInPage(res, await authenticateOps(req, verify));
  });

  app.delete('/session', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite, secure: sameSite === 'none', path: '/' });
    res.status(204).end();
  });

  // The protocol matches on the last path segment only, so the endpoint may be mounted under a prefix.
  for (const direction of ['decode', 'encode'] as const) {
    app.post(new RegExp(`/${direction}$`), requireOps, payloadsJson, async (req, res) => {
      const principal = res.locals['principal'] as OpsPrincipal;
      const payloads = readPayloads(req.body);
      let converted;
      try {
        converted = direction === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
      } catch (error) {
        throw new CodecRequestError(`${direction}_failed`, error instanceof Error ? error.message : String(error));
      }
      logger?.info(
        { subject: principal.subject, namespace: req.get('X-Namespace'), payloads: payloads.length },
        `payloads ${direction}d`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.json(payloadsToJson(converted));
    });
  }

  app.use((req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
  });
  app.use(errorHandler(logger));
  return app;
}

const sessionForm = `<!doctype html><meta charset="utf-8"><title>Guild codec endpoint</title>
<form method="post" action="session"><label>Ops access token <input type="password" name="token" autocomplete="off" required></label>
<button>Sign in</button></form>`;

function signedInPage(res: Response, principal: OpsPrincipal): void {
  res.setHeader('Cache-Control', 'no-store');
  const until = principal.expiresAt ? ` until ${principal.expiresAt.toISOString()}` : '';
  res.type('text/plain').send(`Signed in to the Guild codec endpoint as ${principal.subject}${until}. You can close this tab.\n`);
}

/** A bearer header wins (CLI, scripts); otherwise the session cookie (the Temporal UI). */
async function authenticateOps(req: Request, verify: TokenVerifier): Promise<OpsPrincipal> {
  const token = bearerToken(req) ?? sessionCookie(req) ?? missingToken();
  return verifyOpsToken(token, verify);
}

function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '');
  return match?.[1];
}

function sessionCookie(req: Request): string | undefined {
  for (const part of (req.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    // A JWT is URL-safe, so the cookie holds it as it is; anything else is not a token of ours.
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function missingToken(): never {
  throw new OpsAuthError(401, `send an ops token as "Authorization: Bearer <jwt>" or sign in at /session for the ${SESSION_COOKIE} cookie`);
}

function readPayloads(body: unknown) {
  const parsed = payloadsBody.safeParse(body);
  if (!parsed.success) throw new CodecRequestError('invalid_payloads', 'the body must be JSON Payloads: { "payloads": [ { "metadata": {…}, "data": "…" } ] }');
  try {
    return payloadsFromJson(parsed.data);
  } catch (error) {
    throw new CodecRequestError('invalid_payloads', `the payloads are not valid protobuf JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sessionView(principal: OpsPrincipal) {
  return { subject: principal.subject, expiresAt: principal.expiresAt?.toISOString() ?? null };
}

function errorHandler(logger: CodecServerLogger | undefined): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof OpsAuthError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof CodecRequestError) {
      res.status(400).json({ error: { code: error.code, message: error.message } });
      return;
    }
    const bodyParserFailure = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
    if (bodyParserFailure === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'the body is not valid JSON' } });
      return;
    }
    if (bodyParserFailure === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'the body exceeds 4 MB' } });
      return;
    }
    // Neither the answer nor the log gets the message: an unexpected error could quote decrypted data.
    logger?.error({ errorName: error instanceof Error ? error.name : typeof error }, 'codec request failed');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
