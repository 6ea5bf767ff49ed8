import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
// A CommonJS package: Node's ESM loader exposes only its default export.
import proto from '@temporalio/proto';
import type { CodecKeyRing } from './keys.js';

const ENCRYPTED_ENCODING = 'binary/encrypted';
const METADATA_KEY_ID = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = proto.temporal.api.common.v1.Payload;

/**
 * AES-256-GCM over the whole serialized Payload, metadata included, so the server sees neither
 * the data nor how it was serialized. The layout (iv ‖ ciphertext ‖ tag, plain `Payload.encode`,
 * `encryption-key-id` metadata) is the one of Temporal's Go and Python encryption samples, so a
 * codec written in another SDK can share these keys.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly ring: CodecKeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.ring.current;
    // A fresh random IV per payload: GCM is broken if an IV is ever reused under the same key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING),
        [METADATA_KEY_ID]: Buffer.from(id),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  /** Uses the key named in the payload, so histories written before a rotation stay readable. */
  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[METADATA_KEY_ID];
    if (!keyIdBytes) throw new ValueError(`an encrypted payload carries no ${METADATA_KEY_ID} metadata`);
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const key = this.ring.byId.get(keyId);
    if (key === undefined) {
      throw new ValueError(`payload was encrypted with key "${keyId}", which is not in the codec key ring (TEMPORAL_CODEC_KEYS)`);
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload (key "${keyId}") is truncated`);

    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`encrypted payload does not authenticate under key "${keyId}" (wrong key material or altered data)`);
    }
    return ProtoPayload.decode(plaintext);
  }
}

function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}
