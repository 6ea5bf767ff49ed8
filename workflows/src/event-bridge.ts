import type { EventEnvelope } from '@guild/contracts';
import type { Logger } from '@guild/platform';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';

export type EventHandlers = Record<string, (event: EventEnvelope) => Promise<void>>;

/** What a process's event handlers start and signal workflows with. */
export interface BridgeContext {
  client: Client;
  taskQueue: string;
}

/**
 * Joins each process's handlers. Several processes may follow one subject (an approved time entry
 * is billed and paid out): each gets the event, in the order listed.
 */
export function joinEventHandlers(...sets: EventHandlers[]): EventHandlers {
  const joined: Record<string, ((event: EventEnvelope) => Promise<void>)[]> = {};
  for (const set of sets) for (const [subject, handle] of Object.entries(set)) (joined[subject] ??= []).push(handle);
  return Object.fromEntries(
    Object.entries(joined).map(([subject, handles]) => [
      subject,
      async (event: EventEnvelope) => {
        for (const handle of handles) await handle(event);
      },
    ]),
  );
}

/**
 * A process's handlers and the payload fields its workflow ids are built from, the first present
 * naming the workflow an event is for (`queryId` for a support query).
 */
export interface ProcessRoutes {
  handlers: EventHandlers;
  workflowKeys: readonly string[];
}

/** Every process's handlers, and what keeps each event in order with the others for its workflows. */
export interface BridgeRoutes {
  handlers: EventHandlers;
  orderKeysOf(event: EventEnvelope): string[];
}

/**
 * Joins processes' routes. An event is kept in order with the other events for each workflow it
 * reaches (one per process following its subject), so a project paused then resumed is told in
 * that order, while events for other workflows are handled beside it.
 */
export function joinProcessRoutes(...processes: ProcessRoutes[]): BridgeRoutes {
  const keyFieldsBySubject = new Map<string, (readonly string[])[]>();
  for (const { handlers, workflowKeys } of processes) {
    for (const subject of Object.keys(handlers)) keyFieldsBySubject.set(subject, [...(keyFieldsBySubject.get(subject) ?? []), workflowKeys]);
  }
  return {
    handlers: joinEventHandlers(...processes.map((p) => p.handlers)),
    orderKeysOf(event) {
      const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
      return (keyFieldsBySubject.get(event.subject) ?? [[]]).map((fields) => {
        const field = fields.find((name) => typeof payload[name] === 'string');
        // Its contract says it has one; an event without it waits in line with its subject.
        return field ? `${field}:${String(payload[field])}` : `subject:${event.subject}`;
      });
    },
  };
}

/** Routes one event to the workflow operation its subject calls for. */
export function routeEvent(handlers: EventHandlers, logger: Logger) {
  return async (event: EventEnvelope) => {
    const handle = handlers[event.subject];
    if (!handle) {
      logger.warn({ eventId: event.id, subject: event.subject }, 'no workflow listens to this event');
      return;
    }
    await handle(event);
    logger.info({ eventId: event.id, subject: event.subject }, 'event delivered to its workflow');
  };
}

/**
 * Sends an event's signal or update to its workflow. A closed workflow has nothing left to do with
 * the event: it is acknowledged. One not started yet throws, so the consumer naks and the event
 * comes back once the event that starts the workflow has started it — none is dropped for arriving first.
 */
export async function deliverToWorkflow(handle: WorkflowHandle, send: (handle: WorkflowHandle) => Promise<unknown>): Promise<void> {
  try {
    await send(handle);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const closed = await handle.describe().then((d) => d.status.name !== 'RUNNING', () => false);
    if (!closed) throw err;
  }
}
