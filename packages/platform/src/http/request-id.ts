import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// A caller's id is honoured so one id follows a request across services, but only if it is
// short and plain: it is echoed into headers and logs.
const acceptableId = /^[\w.:-]{1,128}$/;

/** The request's id: the caller's `x-request-id`, or a fresh uuid; echoed back either way. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && acceptableId.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}
