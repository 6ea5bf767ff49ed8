import type { Express, Request, Response } from 'express';
import type { TokenVerifier } from '../token-verifier.js';
import { authenticate } from './authenticate.js';
import type { AnyRouteDefinition } from './route.js';
import { validateRequest } from './validate-request.js';

/**
 * One route: authenticate (401/403), validate (400), run the handler, then validate and strip the
 * response with its schema, so a handler can never leak a field the contract does not list.
 */
export function mountRoute(app: Express, route: AnyRouteDefinition, verifyToken: TokenVerifier): void {
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (pathParams.length > 0 && !route.params) {
    throw new Error(`${route.method.toUpperCase()} ${route.path} has path parameters but no params schema`);
  }
  app[route.method](route.path, async (req: Request, res: Response) => {
    const principal = await authenticate(req, route.roles, verifyToken);
    const { params, query, body } = validateRequest(req, route);
    const result = await route.handler({ params, query, body, principal, req, res, log: req.log });
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
