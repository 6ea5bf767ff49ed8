import type { Express, Request, Response } from 'express';
import type { Principal } from '../auth.js';
import type { TokenVerifier } from '../token-verifier.js';
import { authenticate } from './authenticate.js';
import { clientErrorResponseOf } from './error-handler.js';
import { HandlerContext } from './handler-context.js';
import {
  idempotencyKeyHeader,
  idempotencyKeyOf,
  idempotencyReplayedHeader,
  requestHashOf,
  type IdempotencyStore,
  type StoredResponse,
} from './idempotency.js';
import type { AnyRouteDefinition } from './route.js';
import { validateRequest } from './validate-request.js';

/** One ops action on a service's data: who, which route, on which record. */
export interface OpsAction {
  actor: string;
  action: string;
  target: Record<string, unknown>;
}
export type OpsAuditor = (action: OpsAction) => Promise<void>;

export interface MountOptions {
  auditOps?: OpsAuditor | undefined;
  /** Where routes that declare `idempotent` keep their first responses. */
  idempotency?: IdempotencyStore | undefined;
}

/** Whose keys these are: the token's subject, or the client address on public routes. */
function callerOf(req: Request, principal: Principal | undefined): string {
  return principal ? `${principal.role}:${principal.subject}` : `ip:${req.ip ?? 'unknown'}`;
}

function send(res: Response, response: StoredResponse): void {
  if (response.body === null || response.body === undefined) res.status(response.status).end();
  else res.status(response.status).json(response.body);
}

// Stripe keeps 4xx answers for replay; a failure of ours, or a throttled request, frees the key.
const keepsKey = (status: number) => status < 500 && status !== 429;

/**
 * One route: authenticate (401/403), validate (400), run the handler, then validate and strip the
 * response with its schema, so a handler can never leak a field the contract does not list.
 * Routes declaring `idempotent` answer a repeated `Idempotency-Key` with their first response.
 */
export function mountRoute(app: Express, route: AnyRouteDefinition, verifyToken: TokenVerifier, opts: MountOptions = {}): void {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const name = `${route.method.toUpperCase()} ${route.path}`;
  if (pathParams.length > 0 && !route.params) throw new Error(`${name} has path parameters but no params schema`);
  const idempotency = route.idempotent ? opts.idempotency : undefined;
  const unhashedFields = typeof route.idempotent === 'object' ? route.idempotent.unhashedFields : [];
  if (route.idempotent && !idempotency) throw new Error(`${name} is idempotent, but the app was given no prisma client to keep its keys`);

  async function run(req: Request, res: Response, principal: Principal | undefined, input: ReturnType<typeof validateRequest>) {
    const result = await route.handler(new HandlerContext(input, principal, req, res));
    // Ops see every customer's data: each of their successful calls is kept, reads included.
    if (opts.auditOps && principal?.role === 'ops') {
      await opts.auditOps({ actor: principal.subject, action: name, target: { ...(input.params as object), ...(input.query as object) } });
    }
    if (res.headersSent) return undefined;
    const status = route.status ?? 200;
    if (status === 204) return { status, body: null };
    const checked = route.response.safeParse(result);
    if (!checked.success) throw new Error(`${name} returned a body that does not match its response schema: ${checked.error.message}`);
    return { status, body: checked.data as unknown };
  }

  app[route.method](route.path, async (req: Request, res: Response) => {
    const principal = await authenticate(req, route.roles, verifyToken);
    const key = idempotency ? idempotencyKeyOf(req.headers[idempotencyKeyHeader]) : undefined;
    const input = validateRequest(req, route);
    if (!idempotency || key === undefined) {
      const response = await run(req, res, principal, input);
      if (response) send(res, response);
      return;
    }
    const claim = await idempotency.claim({
      key,
      caller: callerOf(req, principal),
      route: name,
      requestHash: requestHashOf(req.originalUrl, withoutFields(req.body, unhashedFields)),
    });
    if (claim.kind === 'replay') {
      res.setHeader(idempotencyReplayedHeader, 'true');
      send(res, claim.response);
      return;
    }
    let response: StoredResponse | undefined;
    try {
      response = await run(req, res, principal, input);
    } catch (error) {
      const clientError = clientErrorResponseOf(error, req);
      if (clientError && keepsKey(clientError.status)) await claim.complete(clientError);
      else await claim.release();
      throw error;
    }
    await claim.complete(response ?? { status: res.statusCode, body: null });
    if (response) send(res, response);
  });
}

/** The body as hashed for an idempotency record: the named top-level fields left out. */
function withoutFields(body: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => !fields.includes(name)));
}
