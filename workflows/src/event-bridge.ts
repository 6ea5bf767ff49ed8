import type { EventEnvelope } from '@guild/contracts';
import type { Logger } from '@guild/platform';
import type { Client } from '@temporalio/client';

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
