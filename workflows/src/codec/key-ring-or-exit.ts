import { CodecKeyConfigError, loadCodecKeyRing, type CodecKeyRing } from './keys.js';

/** Every process that talks to Temporal encrypts payloads; without keys it must not start. */
export function codecKeyRingOrExit(env: Record<string, string | undefined> = process.env): CodecKeyRing {
  try {
    return loadCodecKeyRing(env);
  } catch (error) {
    if (!(error instanceof CodecKeyConfigError)) throw error;
    console.error(`Invalid configuration:\n  ${error.message}`);
    process.exit(1);
  }
}
