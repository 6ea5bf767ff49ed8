import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import type { KeyRing } from './key-ring.js';

// Envelope encryption (AES-256-GCM): every sealed file has its own random data key, itself
// encrypted ("wrapped") by the key ring's current key. The layout:
//   "GSB1" | key id length (1) | key id | wrap IV (12) | wrap tag (16) | wrapped data key (32)
//         | data IV (12) | data tag (16) | ciphertext
// Rotating the ring's key means re-wrapping 32-byte data keys, never re-encrypting the data.
// Support's attachments and held mail, and the vault's credentials, are kept this way.

const MAGIC = Buffer.from('GSB1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** Sealed bytes that do not open: another key, a changed file, or bytes meant for another name. */
export class SealBroken extends Error {
  override readonly name = 'SealBroken';
}

function encrypt(key: Parameters<typeof createCipheriv>[1], plaintext: Uint8Array, aad: Buffer) {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function decrypt(key: Parameters<typeof createDecipheriv>[1], iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer) {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad).setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SealBroken('sealed bytes do not open: wrong key, changed bytes or another name');
  }
}

/** The wrapped data key is bound to its key id, the data to `context` (what the bytes are, e.g. their checksum). */
const wrapAad = (keyId: string) => Buffer.concat([MAGIC, Buffer.from(keyId)]);

function wrapDataKey(ring: KeyRing, dataKey: Buffer): Buffer {
  const id = Buffer.from(ring.current.id);
  const { iv, tag, ciphertext } = encrypt(ring.current.key, dataKey, wrapAad(ring.current.id));
  return Buffer.concat([MAGIC, Buffer.from([id.length]), id, iv, tag, ciphertext]);
}

interface Envelope {
  keyId: string;
  body: Buffer;
  wrapIv: Buffer;
  wrapTag: Buffer;
  wrappedKey: Buffer;
}

function parse(sealed: Buffer): Envelope {
  if (sealed.length < MAGIC.length + 1 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealBroken('not sealed bytes');
  const idLength = sealed[MAGIC.length]!;
  let at = MAGIC.length + 1;
  const keyId = sealed.subarray(at, (at += idLength)).toString();
  const wrapIv = sealed.subarray(at, (at += IV_BYTES));
  const wrapTag = sealed.subarray(at, (at += TAG_BYTES));
  const wrappedKey = sealed.subarray(at, (at += DATA_KEY_BYTES));
  if (sealed.length < at + IV_BYTES + TAG_BYTES) throw new SealBroken('sealed bytes cut short');
  return { keyId, body: sealed.subarray(at), wrapIv, wrapTag, wrappedKey };
}

function unwrapDataKey(ring: KeyRing, envelope: Envelope): Buffer {
  const key = ring.byId.get(envelope.keyId);
  if (!key) throw new SealBroken(`sealed under key "${envelope.keyId}", which the key ring does not list`);
  return decrypt(key, envelope.wrapIv, envelope.wrapTag, envelope.wrappedKey, wrapAad(envelope.keyId));
}

/** Seals and opens bytes under one key ring: attachments, held mail, vault credentials. */
export interface Sealer {
  readonly currentKeyId: string;
  /** Encrypts `plaintext` under a new data key wrapped by the ring's current key. */
  seal(plaintext: Uint8Array, context: string): Buffer<ArrayBuffer>;
  /** The plaintext of sealed bytes; SealBroken when they do not open under `context`. */
  open(sealed: Buffer, context: string): Buffer;
  /** The same sealed bytes with their data key wrapped by the current key; null when it already was. The data is not touched. */
  rewrap(sealed: Buffer): Buffer<ArrayBuffer> | null;
}

export function createSealer(ring: KeyRing): Sealer {
  return {
    currentKeyId: ring.current.id,
    seal(plaintext, context) {
      const dataKey = randomBytes(DATA_KEY_BYTES);
      const { iv, tag, ciphertext } = encrypt(createSecretKey(dataKey), plaintext, Buffer.from(context));
      return Buffer.concat([wrapDataKey(ring, dataKey), iv, tag, ciphertext]);
    },
    open(sealed, context) {
      const envelope = parse(sealed);
      const dataKey = unwrapDataKey(ring, envelope);
      const { body } = envelope;
      const iv = body.subarray(0, IV_BYTES);
      const tag = body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      return decrypt(createSecretKey(dataKey), iv, tag, body.subarray(IV_BYTES + TAG_BYTES), Buffer.from(context));
    },
    rewrap(sealed) {
      const envelope = parse(sealed);
      if (envelope.keyId === ring.current.id) return null;
      return Buffer.concat([wrapDataKey(ring, unwrapDataKey(ring, envelope)), envelope.body]);
    },
  };
}
