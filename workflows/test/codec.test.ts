import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import proto, { type temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodecServer } from '../src/codec/codec-server.js';
import { codecDataConverter } from '../src/codec/data-converter.js';
import { EncryptionCodec } from '../src/codec/encryption-codec.js';
import { loadCodecKeyRing, type CodecKeyRing } from '../src/codec/keys.js';
import type { codecEcho, codecRefusal } from './fixtures/codec-echo-workflow.js';
import { temporalAddress } from './temporal.js';

const ProtoPayload = proto.temporal.api.common.v1.Payload;
const seeded = {
  email: 'jane.customer@example.org',
  name: 'Jane Q. Customerson',
  phone: '+44 20 7946 0958',
  password: 'correct-horse-battery-staple-42',
};

/** A fresh key per test run: keys live in the environment, never in the repository. */
const newKey = () => randomBytes(32).toString('base64');
const ringOf = (keys: Record<string, string>, current?: string): CodecKeyRing =>
  loadCodecKeyRing({
    TEMPORAL_CODEC_KEYS: Object.entries(keys).map(([id, key]) => `${id}:${key}`).join(','),
    TEMPORAL_CODEC_KEY_ID: current,
  });
const bytesOf = (payload: Payload) => Buffer.from(ProtoPayload.encode(payload).finish());
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

describe('payload codec', () => {
  const keyA = newKey();
  const keyB = newKey();
  const original: Payload[] = [
    defaultPayloadConverter.toPayload(seeded),
    defaultPayloadConverter.toPayload(new Uint8Array([0, 1, 2, 254, 255])),
    defaultPayloadConverter.toPayload(undefined),
    { metadata: { encoding: Buffer.from('json/plain'), 'custom-header': Buffer.from('kept') }, data: Buffer.from('"x"') },
  ];

  it('decoding what it encoded gives back the original payloads bit for bit', async () => {
    const codec = new EncryptionCodec(ringOf({ a: keyA }));

    const decoded = await codec.decode(await codec.encode(original));

    expect(decoded.map(bytesOf)).toEqual(original.map(bytesOf));
  });

  it('encoded payloads hide the data and its metadata, and name only the encoding and the key id', async () => {
    const codec = new EncryptionCodec(ringOf({ a: keyA }));

    const [encoded] = await codec.encode([original[0]!]);

    expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', 'encryption-key-id']);
    expect(text(encoded!.metadata!['encoding'])).toBe('binary/encrypted');
    expect(text(encoded!.metadata!['encryption-key-id'])).toBe('a');
    const data = Buffer.from(encoded!.data!);
    for (const value of [...Object.values(seeded), 'json/plain']) {
      expect(data.includes(value)).toBe(false);
    }
  });

  it('encrypts the same payload differently each time (a fresh IV per payload)', async () => {
    const codec = new EncryptionCodec(ringOf({ a: keyA }));

    const [first, second] = await codec.encode([original[0]!, original[0]!]);

    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
  });

  it('passes payloads that are not encrypted through decode unchanged', async () => {
    const codec = new EncryptionCodec(ringOf({ a: keyA }));

    const decoded = await codec.decode(original);

    expect(decoded).toEqual(original);
  });

  it('after a rotation, payloads written under the old key still decode and new ones use the new key', async () => {
    const beforeRotation = new EncryptionCodec(ringOf({ a: keyA }));
    const afterRotation = new EncryptionCodec(ringOf({ a: keyA, b: keyB }, 'b'));
    const writtenUnderA = await beforeRotation.encode(original);

    const decoded = await afterRotation.decode(writtenUnderA);
    const [writtenUnderB] = await afterRotation.encode([original[0]!]);

    expect(decoded.map(bytesOf)).toEqual(original.map(bytesOf));
    expect(text(writtenUnderB!.metadata!['encryption-key-id'])).toBe('b');
  });

  it('a ring that no longer holds the key fails with a message naming that key', async () => {
    const writtenUnderA = await new EncryptionCodec(ringOf({ a: keyA })).encode(original);
    const withoutA = new EncryptionCodec(ringOf({ b: keyB }));

    await expect(withoutA.decode(writtenUnderA)).rejects.toThrow(/key "a".*not in the codec key ring/);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new EncryptionCodec(ringOf({ a: keyA }));
    const [encoded] = await codec.encode([original[0]!]);
    const tampered = Buffer.from(encoded!.data!);
    tampered[20] = tampered[20]! ^ 0xff;

    await expect(codec.decode([{ ...encoded, data: tampered }])).rejects.toThrow(/does not authenticate under key "a"/);
  });
});

describe('codec key configuration', () => {
  const keyA = newKey();
  const keyB = newKey();

  it('encrypts with the last listed key unless TEMPORAL_CODEC_KEY_ID names another', () => {
    expect(loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `a:${keyA},b:${keyB}` }).current.id).toBe('b');
    const ring = loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `a:${keyA}, b:${keyB}`, TEMPORAL_CODEC_KEY_ID: 'a' });
    expect(ring.current.id).toBe('a');
    expect([...ring.byId.keys()]).toEqual(['a', 'b']);
  });

  it('accepts keys with or without base64 padding', () => {
    const ring = loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `a:${keyA.replace(/=+$/, '')}` });

    expect(ring.current.key.export().toString('base64')).toBe(keyA);
  });

  it('reads the keys from the file named by TEMPORAL_CODEC_KEYS_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codec-keys-'));
    try {
      const file = join(dir, 'keys');
      writeFileSync(file, `a:${keyA}\nb:${keyB}\n`, { mode: 0o600 });

      const ring = loadCodecKeyRing({ TEMPORAL_CODEC_KEYS_FILE: file });

      expect(ring.current.id).toBe('b');
      expect(ring.byId.size).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{}, /TEMPORAL_CODEC_KEYS: is required/],
    [{ TEMPORAL_CODEC_KEYS: 'a:not base64!' }, /TEMPORAL_CODEC_KEYS: key "a" is not valid base64/],
    [{ TEMPORAL_CODEC_KEYS: `a:${randomBytes(16).toString('base64')}` }, /TEMPORAL_CODEC_KEYS: key "a" is 16 bytes; AES-256 needs 32/],
    [{ TEMPORAL_CODEC_KEYS: `a:${newKey()}`, TEMPORAL_CODEC_KEY_ID: 'z' }, /TEMPORAL_CODEC_KEY_ID: names key "z"/],
    [{ TEMPORAL_CODEC_KEYS: `a:${newKey()},a:${newKey()}` }, /key id "a" is listed twice/],
    [{ TEMPORAL_CODEC_KEYS: newKey() }, /each entry must be keyId:base64key/],
    [{ TEMPORAL_CODEC_KEYS: `a:${newKey()}`, TEMPORAL_CODEC_KEYS_FILE: '/x' }, /not both/],
    [{ TEMPORAL_CODEC_KEYS_FILE: '/nonexistent/codec-keys' }, /TEMPORAL_CODEC_KEYS_FILE: cannot read/],
  ])('refuses a bad configuration with a message naming the variable (%#)', (env, message) => {
    expect(() => loadCodecKeyRing(env)).toThrow(message);
  });

  it('never quotes key material in its errors', () => {
    const shortKey = randomBytes(16).toString('base64');

    expect(() => loadCodecKeyRing({ TEMPORAL_CODEC_KEYS: `a:${shortKey}` })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(shortKey) }),
    );
  });
});

describe('payload encryption against a real Temporal server', () => {
  const workflowsPath = fileURLToPath(new URL('./fixtures/codec-echo-workflow.ts', import.meta.url));
  const jwtSecret = randomBytes(32).toString('hex');
  const ring = ringOf({ old: newKey(), current: newKey() });
  const taskQueue = `codec-${randomUUID()}`;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let encryptingClient: Client;
  let plainClient: Client;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporalAddress() });
    workerConnection = await NativeConnection.connect({ address: temporalAddress() });
    encryptingClient = new Client({ connection, namespace: 'default', dataConverter: codecDataConverter(ring) });
    // What anyone with access to the Temporal server (or its database) sees.
    plainClient = new Client({ connection, namespace: 'default' });
  });
  afterAll(async () => {
    await workerConnection?.close();
    await connection?.close();
  });

  const runWorkerUntil = async <T>(done: Promise<T>): Promise<T> => {
    const worker = await Worker.create({
      connection: workerConnection,
      namespace: 'default',
      taskQueue,
      workflowsPath,
      dataConverter: codecDataConverter(ring),
    });
    return worker.runUntil(done);
  };

  it('a workflow gets its personal data through the codec, and the stored history holds none of it in clear', async () => {
    const workflowId = `codec-echo-${randomUUID()}`;

    const result = await runWorkerUntil(
      encryptingClient.workflow.execute<typeof codecEcho<typeof seeded>>('codecEcho', { args: [seeded], taskQueue, workflowId }),
    );
    const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();

    expect(result).toEqual(seeded);
    expectNoSeededDataInClear(history, taskQueue);
    const payloads = payloadsIn(history);
    for (const payload of payloads) expect(text(payload.metadata?.['encoding'])).toBe('binary/encrypted');

    // Ops still read the timeline: the same payloads decode through the codec endpoint.
    const res = await request(createCodecServer({ ring, jwtSecret }))
      .post('/decode')
      .set('Authorization', `Bearer ${await opsToken(jwtSecret)}`)
      .set('X-Namespace', 'default')
      .send(jsonPayloads(payloads));
    expect(res.status).toBe(200);
    const decoded = (res.body as { payloads: Record<string, unknown>[] }).payloads.map((p) =>
      defaultPayloadConverter.fromPayload(ProtoPayload.fromObject(p)),
    );
    expect(decoded).toEqual([seeded, seeded]); // the input, then the result
  });

  it('a failure message naming a customer is stored encrypted, and the client still reads it', async () => {
    const workflowId = `codec-refusal-${randomUUID()}`;

    const failure = await runWorkerUntil(
      encryptingClient.workflow
        .execute<typeof codecRefusal>('codecRefusal', { args: [{ email: seeded.email }], taskQueue, workflowId })
        .catch((error: unknown) => error),
    );
    const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toBe(`no account for ${seeded.email}`);
    expectNoSeededDataInClear(history, taskQueue);
  });
});

/** Checks the history both as raw protobuf bytes and as JSON with every byte field shown as text. */
function expectNoSeededDataInClear(history: temporal.api.history.v1.IHistory, taskQueue: string) {
  const raw = Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish());
  // Buffers reach the replacer already as { type: 'Buffer', data }, plain Uint8Arrays as themselves.
  const json = JSON.stringify(history, (_key, value: unknown) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
    if (isSerializedBuffer(value)) return Buffer.from(value.data).toString('latin1');
    return value;
  });
  // Control: the search does find what is stored in clear, so its silence below means something.
  expect(raw.includes(taskQueue)).toBe(true);
  expect(json).toContain(taskQueue);
  for (const value of Object.values(seeded)) {
    expect(raw.includes(value), `raw history bytes contain ${value}`).toBe(false);
    expect(json, 'history JSON').not.toContain(value);
  }
}

function isSerializedBuffer(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Buffer';
}

/** Every Payload anywhere in the history: input, result, failure attributes. */
function payloadsIn(node: unknown, found: Payload[] = []): Payload[] {
  if (typeof node !== 'object' || node === null || node instanceof Uint8Array) return found;
  if ('data' in node && 'metadata' in node && node.data instanceof Uint8Array) {
    found.push(node as Payload);
    return found;
  }
  for (const value of Object.values(node)) payloadsIn(value, found);
  return found;
}

function jsonPayloads(payloads: Payload[]) {
  return {
    payloads: payloads.map((p) => ProtoPayload.toObject(ProtoPayload.fromObject(p), { bytes: String })),
  };
}

function opsToken(secret: string) {
  return new SignJWT({ role: 'ops' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ops-test')
    .setIssuer('guild')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}
