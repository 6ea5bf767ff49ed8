import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors.js';

type Part = 'params' | 'query' | 'body';

function problemsOf(part: Part, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Parses params, query and body with the route's schemas, and reports every failing field of all
 * three at once (`body.eta`, `query.limit`), so a client fixes its request in one round trip.
 */
export function validateRequest(
  req: Request,
  schemas: { params?: z.ZodType | undefined; query?: z.ZodType | undefined; body?: z.ZodType | undefined },
): { params: unknown; query: unknown; body: unknown } {
  const parsed: Record<Part, unknown> = { params: {}, query: {}, body: undefined };
  const fields: FieldProblem[] = [];
  const inputs: Record<Part, unknown> = { params: req.params, query: req.query, body: req.body };
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = schema.safeParse(inputs[part]);
    if (result.success) parsed[part] = result.data;
    else fields.push(...problemsOf(part, result.error));
  }
  if (fields.length > 0) {
    throw new AppError('invalid_request', { status: 400, message: 'the request is invalid', fields });
  }
  return parsed;
}
