import { keyRingOrExit } from '@guild/platform';
import { loadCodecKeyRing, type CodecKeyRing } from './keys.js';

/** Every process that talks to Temporal encrypts payloads; without keys it must not start. */
export function codecKeyRingOrExit(env: Record<string, string | undefined> = process.env): CodecKeyRing {
  return keyRingOrExit(() => loadCodecKeyRing(env));
}
