import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec.js';
import type { CodecKeyRing } from './keys.js';

// The converter module sits next to this one, built (.js) or as source (.ts under vitest/tsx).
const failureConverterPath = fileURLToPath(
  new URL(`./failure-converter${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/**
 * The data converter for the worker and for every client: they must all share it, or one side
 * writes ciphertext the other cannot read. Payloads and failure messages are encrypted; search
 * attributes, workflow ids and types stay readable by the server, so they must hold no personal data.
 */
export function codecDataConverter(ring: CodecKeyRing): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(ring)], failureConverterPath };
}
