import { eventDomains } from '@guild/contracts';
import { jetstreamManager, JetStreamApiCodes, JetStreamApiError, StorageType, RetentionPolicy } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type Status } from '@nats-io/transport-node';
import type { Logger } from './logger.js';

const duplicateWindowMs = 2 * 60_000;

/**
 * Connects and keeps reconnecting for as long as the process lives: a NATS restart must not
 * take a service down. Status changes go to the log.
 */
export async function connectNats(url: string, logger: Logger): Promise<NatsConnection> {
  logger.info({ url }, 'connecting to NATS');
  const nc = await connect({
    servers: url.split(',').map((server) => server.trim()),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    waitOnFirstConnect: true,
  });
  logger.info({ server: nc.getServer() }, 'connected to NATS');
  void logStatusChanges(nc, logger);
  return nc;
}

async function logStatusChanges(nc: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of nc.status()) {
    logStatus(status, logger);
  }
}

function logStatus(status: Status, logger: Logger): void {
  switch (status.type) {
    case 'disconnect':
      logger.warn({ server: status.server }, 'NATS disconnected; reconnecting');
      return;
    case 'reconnect':
      logger.info({ server: status.server }, 'NATS reconnected');
      return;
    case 'error':
      logger.error({ err: status.error }, 'NATS connection error');
      return;
    case 'ldm':
      logger.warn({ server: status.server }, 'NATS server entering lame duck mode');
      return;
    case 'staleConnection':
    case 'slowConsumer':
    case 'close':
      logger.warn({ status: status.type }, 'NATS connection status');
      return;
    default:
      logger.debug({ status: status.type }, 'NATS connection status');
  }
}

function checkNamespace(namespace: string): void {
  if (!/^[a-z0-9_-]*$/i.test(namespace)) {
    throw new Error(`event namespace "${namespace}" may only hold letters, digits, _ and -`);
  }
}

/** The one stream holding every domain event of a namespace. */
export function streamName(namespace: string): string {
  checkNamespace(namespace);
  return namespace === '' ? 'GUILD_EVENTS' : `${namespace.toUpperCase()}_EVENTS`;
}

/** The subject an event travels on: its business subject, prefixed by the namespace if any. */
export function wireSubject(namespace: string, subject: string): string {
  checkNamespace(namespace);
  return namespace === '' ? subject : `${namespace}.${subject}`;
}

function streamSubjects(namespace: string): string[] {
  return eventDomains.map((domain) => wireSubject(namespace, `${domain}.>`));
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * Creates the namespace's event stream, or brings an existing one up to date (a new domain adds
 * a subject). Safe to run at every start of every process.
 */
export async function ensureEventStream(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const name = streamName(namespace);
  const wanted = { subjects: streamSubjects(namespace), duplicate_window: nanos(duplicateWindowMs) };
  try {
    const info = await jsm.streams.info(name);
    const current = info.config;
    const upToDate =
      current.duplicate_window === wanted.duplicate_window &&
      current.subjects.length === wanted.subjects.length &&
      wanted.subjects.every((subject) => current.subjects.includes(subject));
    if (!upToDate) await jsm.streams.update(name, wanted);
    return;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({ name, ...wanted, storage: StorageType.File, retention: RetentionPolicy.Limits });
  } catch (error) {
    // Another process created it in between; make sure it has our subjects.
    if (!(error instanceof JetStreamApiError)) throw error;
    await jsm.streams.update(name, wanted);
  }
}

export async function deleteEventStream(nc: NatsConnection, namespace: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.delete(streamName(namespace));
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
}
