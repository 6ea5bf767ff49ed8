import type { Express, Request, Response } from 'express';
import type { Principal } from '../auth.js';
import type { TokenVerifier } from '../token-verifier.js';
import { authenticate } from './authenticate.js';
import type { AnyRouteDefinition } from './route.js';
import { validateRequest } from './validate-request.js';

/** One ops action on a service's data: who, which route, on which record. */
export interface OpsAction {
  actor: string;
  action: string;
  target: Record<string, unknown>;
}
export type OpsAuditor = (action: OpsAction) => Promise<void>;

/**
 * One route: authenticate (401/403), validate (400), run the handler, then validate and strip the
 * response with its schema, so a handler can never leak a field the contract does not list.
 */
export function mountRoute(app: Express, route: AnyRouteDefinition, verifyToken: TokenVerifier, auditOps?: OpsAuditor): void {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (pathParams.length > 0 && !route.params) {
    throw new Error(`${route.method.toUpperCase()} ${route.path} has path parameters but no params schema`);
  }
  app[route.method](route.path, async (req: Request, res: Response) => {
    const principal = await authenticate(req, route.roles, verifyToken);
    const { params, query, body } = validateRequest(req, route);
    const result = await route.handler({ params, query, body, principal, req, res, log: req.log });
    // Ops see every customer's data: each of their successful calls is kept, reads included.
    if (auditOps && (principal as Principal | undefined)?.role === 'ops') {
      await auditOps({ actor: principal!.subject, action: `${route.method.toUpperCase()} ${route.path}`, target: { ...(params as object), ...(query as object) } });
    }
    if (res.headersSent) return;
    const status = route.status ?? 200;
    if (status === 204) {
      res.status(204).end();
      return;
    }
    const checked = route.response.safeParse(result);
    if (!checked.success) {
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} returned a body that does not match its response schema: ${checked.error.message}`,
      );
    }
    res.status(status).json(checked.data);
  });
}
