import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal, Role } from '../auth.js';
import type { Logger } from '../logger.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: the listed roles (with a bearer token), or anyone. */
export type RouteRoles = readonly Role[] | 'public';

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

export interface RouteContext<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends RouteRoles,
> {
  params: Parsed<P, Record<string, never>>;
  query: Parsed<Q, Record<string, never>>;
  body: Parsed<B, undefined>;
  principal: R extends 'public' ? Principal | undefined : Principal;
  req: Request;
  res: Response;
  log: Logger;
}

export interface RouteDefinition<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Res extends z.ZodType = z.ZodType,
  R extends RouteRoles = RouteRoles,
> {
  method: HttpMethod;
  /** Express form, e.g. `/queries/:id`; the OpenAPI document shows `/queries/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  roles: R;
  params?: P;
  query?: Q;
  body?: B;
  /** Validates (and strips) what the handler returns; documents the success response. */
  response: Res;
  /** 200 unless given; 201 for creations. */
  status?: number;
  /**
   * A creation clients may retry safely: the same `Idempotency-Key` from the same caller within
   * 24 h answers the first response without doing the work again (Stripe's semantics).
   * `{ unhashedFields }` names body fields kept out of the stored request digest (a secret's
   * digest would let anyone with the database guess a weak secret); a change in them alone under
   * the same key is then not noticed.
   */
  idempotent?: boolean | { unhashedFields: readonly string[] };
  handler: (ctx: RouteContext<P, Q, B, R>) => Promise<z.input<Res>>;
}

/** What a service's `register` callback receives: declare each route once, with its schemas. */
export interface RouteRegistrar {
  route<
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    Res extends z.ZodType = z.ZodType,
    const R extends RouteRoles = RouteRoles,
  >(definition: RouteDefinition<P, Q, B, Res, R>): void;
}

/** A route as stored by the registrar, its types erased. */
export type AnyRouteDefinition = Omit<RouteDefinition, 'params' | 'query' | 'body' | 'handler'> & {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  handler: (ctx: {
    params: unknown;
    query: unknown;
    body: unknown;
    principal: Principal | undefined;
    req: Request;
    res: Response;
    log: Logger;
  }) => Promise<unknown>;
};
