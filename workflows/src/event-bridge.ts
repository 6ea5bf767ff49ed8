import type { EventEnvelope } from '@guild/contracts';
import type { Logger } from '@guild/platform';

export type EventHandlers = Record<string, (event: EventEnvelope) => Promise<void>>;

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
