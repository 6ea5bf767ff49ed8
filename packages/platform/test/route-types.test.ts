import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Principal, RouteRegistrar } from '../src/index.js';

// Checked by `tsc` (npm run typecheck): a route's schemas type its handler, and its response
// schema types what the handler may return.
describe('route types', () => {
  it('params, query and body are inferred from their schemas; principal is set on protected routes', () => {
    const register = (r: RouteRegistrar) => {
      r.route({
        method: 'post',
        path: '/projects/:projectId/tasks',
        summary: 'types only',
        roles: ['expert'],
        params: z.object({ projectId: z.uuid() }),
        query: z.object({ dryRun: z.coerce.boolean().default(false) }),
        body: z.object({ title: z.string(), estimateMinutes: z.number().int() }),
        response: z.object({ id: z.string() }),
        status: 201,
        handler: async ({ params, query, body, principal }) => {
          expectTypeOf(params).toEqualTypeOf<{ projectId: string }>();
          expectTypeOf(query).toEqualTypeOf<{ dryRun: boolean }>();
          expectTypeOf(body).toEqualTypeOf<{ title: string; estimateMinutes: number }>();
          expectTypeOf(principal).toEqualTypeOf<Principal>();
          return { id: 't1' };
        },
      });
      r.route({
        method: 'get',
        path: '/status',
        summary: 'types only',
        roles: 'public',
        response: z.object({ ok: z.boolean() }),
        handler: async ({ principal, body }) => {
          expectTypeOf(principal).toEqualTypeOf<Principal | undefined>();
          expectTypeOf(body).toEqualTypeOf<undefined>();
          return { ok: true };
        },
      });
      r.route({
        method: 'get',
        path: '/status',
        summary: 'types only',
        roles: 'public',
        response: z.object({ ok: z.boolean() }),
        // @ts-expect-error the handler must return what the response schema describes
        handler: async () => ({ ok: 'yes' }),
      });
    };
    expectTypeOf(register).toBeFunction();
  });
});
