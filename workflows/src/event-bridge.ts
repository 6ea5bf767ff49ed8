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
