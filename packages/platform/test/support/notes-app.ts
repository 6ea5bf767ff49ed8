import type { PrismaClient } from '@guild/db';
import { z } from 'zod';
import { AppError, assertCanSee, createServiceApp, notFound } from '../../src/index.js';
import { testJwtSecret, captureLogs } from './kit.js';

const noteSchema = z.object({ id: z.string(), customerId: z.string(), text: z.string() });
const createNoteSchema = z.object({
  text: z.string().min(1).max(500),
  remindInMinutes: z.number().int().positive().optional(),
  password: z.string().optional(),
});

const taskSchema = z.object({ id: z.string(), title: z.string() });

/** What the next task creations do instead of succeeding, for idempotency tests. */
export interface TaskFaults {
  crashes: number;
}

/**
 * A tiny service on the platform: customers keep notes. Notes live in memory; what matters here
 * is everything around the handlers. Given a database, it also keeps tasks, created idempotently.
 */
export function createNotesApp(
  opts: { readiness?: Record<string, () => Promise<void>>; bodyLimit?: string; prisma?: PrismaClient; metricsToken?: string } = {},
) {
  const logs = captureLogs('notes-test');
  const notes = new Map<string, z.infer<typeof noteSchema>>();
  const tasks: z.infer<typeof taskSchema>[] = [];
  const faults: TaskFaults = { crashes: 0 };
  const app = createServiceApp(
    {
      name: 'notes',
      version: '1.2.3',
      logger: logs.logger,
      jwtSecret: testJwtSecret,
      bodyLimit: opts.bodyLimit ?? '1kb',
      readiness: opts.readiness ?? {},
      ...(opts.prisma ? { prisma: opts.prisma } : {}),
      ...(opts.metricsToken ? { metricsToken: opts.metricsToken } : {}),
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
      if (opts.prisma) {
        r.route({
          method: 'post',
          path: '/tasks',
          summary: 'Create a task',
          roles: ['customer'],
          body: z.object({ title: z.string().min(1) }),
          response: taskSchema,
          status: 201,
          idempotent: true,
          handler: async ({ body }) => {
            // Long enough for concurrent duplicates to overlap with the first request.
            await new Promise((resolve) => setTimeout(resolve, 100));
            if (faults.crashes > 0) {
              faults.crashes -= 1;
              throw new Error('the task store is down');
            }
            if (body.title === 'taken') throw new AppError('conflict', { status: 409, message: 'a task with this title exists' });
            const task = { id: `t${tasks.length + 1}`, title: body.title };
            tasks.push(task);
            return task;
          },
        });
      }
    },
  );
  return { app, logs, notes, tasks, faults };
}
