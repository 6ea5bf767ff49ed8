import { eventDomains } from '@guild/contracts';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats, createLogger, ensureEventStream, natsReady, streamName, wireSubject } from '../src/index.js';
import { createTestNamespace, type TestNamespace } from './support/kit.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('names on NATS', () => {
  it('the default namespace uses the business subjects and the GUILD_EVENTS stream', () => {
    expect(streamName('')).toBe('GUILD_EVENTS');
    expect(wireSubject('', 'support.query.submitted')).toBe('support.query.submitted');
  });

  it('a namespace prefixes subjects and names its own stream', () => {
    expect(streamName('t_ab12cd34')).toBe('T_AB12CD34_EVENTS');
    expect(wireSubject('t_ab12cd34', 'support.query.submitted')).toBe('t_ab12cd34.support.query.submitted');
  });

  it('a namespace that would break subjects or stream names is refused', () => {
    expect(() => streamName('a.b')).toThrow(/namespace/);
    expect(() => wireSubject('a>', 'support.query.submitted')).toThrow(/namespace/);
  });
});

describe('the event stream', () => {
  let ns: TestNamespace;
  beforeAll(async () => {
    ns = await createTestNamespace();
  });
  afterAll(async () => {
    await ns?.cleanup();
  });

  it('covers every domain on file storage with a two-minute duplicate window', async () => {
    const { config } = await (await jetstreamManager(ns.nc)).streams.info(streamName(ns.namespace));
    expect(config.subjects.sort()).toEqual(eventDomains.map((d) => `${ns.namespace}.${d}.>`).sort());
    expect(config.storage).toBe(StorageType.File);
    expect(config.duplicate_window).toBe(nanos(120_000));
  });

  it('ensuring it again is harmless, and restores subjects that were changed', async () => {
    const jsm = await jetstreamManager(ns.nc);
    const name = streamName(ns.namespace);
    await jsm.streams.update(name, { subjects: [`${ns.namespace}.other.>`] });
    await ensureEventStream(ns.nc, ns.namespace);
    await ensureEventStream(ns.nc, ns.namespace);
    const { config } = await jsm.streams.info(name);
    expect(config.subjects.sort()).toEqual(eventDomains.map((d) => `${ns.namespace}.${d}.>`).sort());
  });
});

describe('readiness of NATS', () => {
  it('an open connection with JetStream is ready; a closed one is not', async () => {
    const nc = await connectNats(natsUrl, createLogger('nats-test', 'silent'));
    await expect(natsReady(nc)).resolves.toBeUndefined();
    await nc.close();
    await expect(natsReady(nc)).rejects.toThrow(/closed/);
  });

});
