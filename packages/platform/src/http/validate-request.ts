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

const maxDepth = 64;

// A UTF-16 surrogate without its partner: valid in a JSON string (`"\ud800"`), yet no character.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL would refuse this text, if it would. */
function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'NUL characters';
  if (loneSurrogate.test(text)) return 'unpaired UTF-16 surrogates (such as "\\ud800")';
  return undefined;
}

/**
 * Input PostgreSQL cannot take or a parser should not walk: strings holding NUL characters or
 * unpaired surrogates, and nesting deeper than any of our schemas goes. Walked with an explicit
 * stack, so a hostile body cannot exhaust the call stack.
 */
function unreadableInput(part: Part, input: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  // The path is joined only for a problem: every request passes through here, few have one.
  const where = (path: string[]) => [part, ...path].join('.');
  while (pending.length > 0 && problems.length < 10) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const unstorable = unstorableText(value);
      if (unstorable) problems.push({ path: where(path), message: `must not contain ${unstorable}` });
    } else if (typeof value === 'object' && value !== null) {
      if (path.length >= maxDepth) {
        problems.push({ path: where(path), message: `is nested deeper than ${maxDepth} levels` });
        continue;
      }
      for (const key of Object.keys(value)) {
        const unstorable = unstorableText(key);
        if (unstorable) problems.push({ path: where(path), message: `keys must not contain ${unstorable}` });
        pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return problems;
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
    const unreadable = unreadableInput(part, inputs[part]);
    if (unreadable.length > 0) {
      fields.push(...unreadable);
      continue;
    }
    const result = schema.safeParse(inputs[part]);
    if (result.success) parsed[part] = result.data;
    else fields.push(...problemsOf(part, result.error));
  }
  if (fields.length > 0) {
    throw new AppError('invalid_request', { status: 400, message: 'the request is invalid', fields });
  }
  return parsed;
}
