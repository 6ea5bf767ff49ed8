import { createServer, type RequestListener, type Server } from 'node:http';
import { createPrismaClient, type PrismaClient } from '@guild/db';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, serviceLogDestination, type Logger } from './logger.js';
import { connectNats, ensureEventStream } from './nats.js';
import { stopOnSignals, stopService, type BackgroundPart, type RunningService } from './run-service-shutdown.js';

export type { BackgroundPart } from './run-service-shutdown.js';

type Env = Record<string, string | undefined>;
type ConfigLoader<C> = (env: Env) => C | Promise<C>;
type ConfigOf<S> = S extends ConfigLoader<infer C> ? C : S extends z.ZodRawShape ? z.infer<z.ZodObject<S>> : never;

/** The variables runService itself reads when they are part of the service's config. */
interface BootVariables {
  LOG_LEVEL?: string;
  LOG_BUFFER_BYTES?: number;
  HOST?: string;
  PORT?: number;
  DATABASE_URL?: string;
  NATS_URL?: string;
  EVENT_NAMESPACE?: string;
}

export interface ServiceContext<C> {
  config: C;
  logger: Logger;
  /** The database client, made on first call; disconnected last at shutdown. */
  prisma(): PrismaClient;
  /** NATS with the event stream ensured, connected on first call; drained at shutdown. */
  nats(): Promise<NatsConnection>;
}

export interface ServiceParts {
  /** The HTTP app; it listens on `HOST` (default 127.0.0.1) and `PORT`. */
  app?: RequestListener;
  /** Stopped after HTTP closes, in this order. */
  background?: BackgroundPart[];
  /** Extra fields for the "listening" log line. */
  announce?: Record<string, unknown>;
}

export interface RunServiceOptions<S> {
  name: string;
  /** A zod shape, or a loader that throws `ConfigError` naming the bad variable. */
  config: S;
  start(context: ServiceContext<ConfigOf<S>>): ServiceParts | Promise<ServiceParts>;
  /** How long a graceful stop may take before the process exits anyway. */
  shutdownDeadlineMs?: number;
}

/**
 * Boots a service the same way everywhere: config parsed once (or exit 1 naming the variable),
 * one logger, shared clients made on request, listen, and an ordered stop on SIGTERM/SIGINT.
 */
export async function runService<S extends z.ZodRawShape | ConfigLoader<BootVariables>>(
  options: RunServiceOptions<S>,
): Promise<void> {
  const config = await exitOnConfigError(() => loadServiceConfig(options.config));
  const boot = config as BootVariables;
  const logger = createLogger(options.name, boot.LOG_LEVEL, serviceLogDestination(boot.LOG_BUFFER_BYTES ?? 0));
  const running: RunningService = { background: [] };
  const context: ServiceContext<ConfigOf<S>> = {
    config,
    logger,
    prisma: () =>
      (running.prisma ??= createPrismaClient(required(boot, 'DATABASE_URL'), (error) =>
        logger.warn({ err: error }, 'a database connection was ended; the request using it fails and the pool opens a new one'),
      )),
    nats: async () => {
      if (!running.nc) {
        running.nc = await connectNats(required(boot, 'NATS_URL'), logger);
        await ensureEventStream(running.nc, boot.EVENT_NAMESPACE ?? '');
      }
      return running.nc;
    },
  };
  stopOnSignals(() => stopService(running, logger), logger, options.shutdownDeadlineMs ?? 10_000);

  // Config read by the service's own parts (signing keys, say) fails the same way.
  const parts = await exitOnConfigError(() => options.start(context));
  running.background = parts.background ?? [];
  if (parts.app) running.server = await listen(parts.app, boot, logger, parts.announce);
  else logger.info(parts.announce ?? {}, 'running');
}

async function loadServiceConfig<S>(source: S): Promise<ConfigOf<S>> {
  const load = typeof source === 'function' ? (source as ConfigLoader<unknown>) : (env: Env) => loadConfig(source as z.ZodRawShape, env);
  return (await load(process.env)) as ConfigOf<S>;
}

async function exitOnConfigError<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

function required(config: BootVariables, variable: 'DATABASE_URL' | 'NATS_URL'): string {
  const value = config[variable];
  if (value === undefined) throw new ConfigError([{ variable, message: 'is required by this service but not in its config' }]);
  return value;
}

function listen(app: RequestListener, boot: BootVariables, logger: Logger, announce?: Record<string, unknown>): Promise<Server> {
  const host = boot.HOST ?? '127.0.0.1';
  const server = createServer(app);
  return new Promise((resolve) => {
    server.once('error', (error) => {
      logger.fatal({ host, port: boot.PORT, errorMessage: error.message }, 'cannot listen');
      process.exit(1);
    });
    server.listen(boot.PORT ?? 0, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? { host: address.address, port: address.port } : { host, port: boot.PORT };
      logger.info({ ...announce, ...bound }, 'listening');
      resolve(server);
    });
  });
}
