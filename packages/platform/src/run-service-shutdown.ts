import type { Server } from 'node:http';
import type { PrismaClient } from '@guild/db';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from './logger.js';

/** Anything a service runs beside its HTTP server: relays, consumers, SMTP listeners, clients. */
export interface BackgroundPart {
  stop(): Promise<void> | void;
}

export interface RunningService {
  server?: Server;
  background: BackgroundPart[];
  nc?: NatsConnection;
  prisma?: PrismaClient;
}

/**
 * Stops a service in the order that loses nothing: no new requests, then the background parts
 * (in the order the service listed them), then NATS is drained and the database let go.
 */
export async function stopService(running: RunningService, logger: Logger): Promise<void> {
  if (running.server) await closeHttp(running.server);
  for (const part of running.background) await part.stop();
  if (running.nc) await running.nc.drain();
  if (running.prisma) await running.prisma.$disconnect();
  logger.info('stopped');
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // In-flight requests finish; idle keep-alive connections (browsers hold them) would wait forever.
    server.closeIdleConnections();
  });
}

/** Runs `stop` once on SIGTERM or SIGINT; a stop that hangs past the deadline exits non-zero. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, deadlineMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      logger.error({ deadlineMs }, 'did not stop in time; exiting');
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
