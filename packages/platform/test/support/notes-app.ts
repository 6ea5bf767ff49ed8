import { z } from 'zod';
import { assertCanSee, createServiceApp, notFound } from '../../src/index.js';
import { testJwtSecret } from '../../src/testing.js';
import { captureLogs } from './capture-logs.js';

const noteSchema = z.object({ id: z.string(), customerId: z.string(), text: z.string() });
const createNoteSchema = z.object({
  text: z.string().min(1).max(500),
  remindInMinutes: z.number().int().positive().optional(),
  password: z.string().optional(),
});

/**
 * A tiny service on the platform: customers keep notes. Notes live in memory; what matters here
 * is everything around the handlers.
 */
export function createNotesApp(opts: { readiness?: Record<string, () => Promise<void>>; bodyLimit?: string } = {}) {
  const logs = captureLogs('notes-test');
  const notes = new Map<string, z.infer<typeof noteSchema>>();
  const app = createServiceApp(
    {
      name: 'notes',
      version: '1.2.3',
      logger: logs.logger,
      jwtSecret: testJwtSecret,
      bodyLimit: opts.bodyLimit ?? '1kb',
      readiness: opts.readiness ?? {},
    },
    (r) => {
      r.route({
        method: 'post',
        path: '/notes',
        summary: 'Write a note',
        tags: ['notes'],
        roles: ['customer'],
        body: createNoteSchema,
        response: noteSchema,
        status: 201,
        handler: async ({ body, principal, log }) => {
          log.info({ body }, 'note received');
          const note = { id: `n${notes.size + 1}`, customerId: principal.customerId ?? '', text: body.text };
          notes.set(note.id, note);
          return note;
        },
      });
      r.route({
        method: 'get',
        path: '/notes/:id',
        summary: 'Read a note',
        description: 'Only the customer who wrote it, and ops.',
        tags: ['notes'],
        roles: ['customer', 'ops'],
        params: z.object({ id: z.string().min(1) }),
        response: noteSchema,
        handler: async ({ params, principal }) => {
          const note = notes.get(params.id);
          if (!note) throw notFound('note');
          assertCanSee(principal, { customerId: note.customerId }, 'note');
          return { ...note, internalFlag: 'never serialised' };
        },
      });
      r.route({
        method: 'get',
        path: '/notes',
        summary: 'Count notes',
        roles: 'public',
        query: z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) }),
        response: z.object({ count: z.number(), limit: z.number() }),
        handler: async ({ query }) => ({ count: notes.size, limit: query.limit }),
      });
      r.route({
        method: 'get',
        path: '/boom',
        summary: 'Fails unexpectedly',
        roles: 'public',
        response: z.object({}),
        handler: async () => {
          throw new Error('database password is hunter2 at db.internal:5432');
        },
      });
    },
  );
  return { app, logs, notes };
}
