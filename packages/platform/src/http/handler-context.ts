import type { Request, Response } from 'express';
import type { Principal } from '../auth.js';
import type { Logger } from '../logger.js';

/**
 * What a route's handler is given. `log` is made on first use: most handlers never log, and a
 * child logger per request costs. A class with the getter on its prototype, because an object
 * literal with a getter is a slow (dictionary) object, ~25× dearer to make.
 */
export class HandlerContext {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;

  constructor(
    input: { params: unknown; query: unknown; body: unknown },
    readonly principal: Principal | undefined,
    readonly req: Request,
    readonly res: Response,
  ) {
    this.params = input.params;
    this.query = input.query;
    this.body = input.body;
  }

  get log(): Logger {
    return this.req.log;
  }
}
