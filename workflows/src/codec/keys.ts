import { KeyRingConfigError, loadKeyRing, type KeyRing, type RingKey } from '@guild/platform';

/** One AES-256 key and the id written next to every payload it encrypts. */
export type CodecKey = RingKey;

/**
 * The keys the payload codec knows: `current` encrypts everything new; `byId` decrypts. Rotation =
 * add a new key and make it current, keep the old one listed until no history needs it.
 */
export type CodecKeyRing = KeyRing;

/** A bad key configuration; `variable` names the environment variable to fix. */
export class CodecKeyConfigError extends KeyRingConfigError {
  override readonly name = 'CodecKeyConfigError';
}

/**
 * Keys come only from the environment or a mounted secret file, never from the repository.
 * `TEMPORAL_CODEC_KEYS` (or the file named by `TEMPORAL_CODEC_KEYS_FILE`) lists `keyId:base64key`
 * entries; `TEMPORAL_CODEC_KEY_ID` picks the key that encrypts, by default the last one listed.
 */
export function loadCodecKeyRing(env: Record<string, string | undefined> = process.env): CodecKeyRing {
  return loadKeyRing(
    {
      keys: 'TEMPORAL_CODEC_KEYS',
      file: 'TEMPORAL_CODEC_KEYS_FILE',
      currentId: 'TEMPORAL_CODEC_KEY_ID',
      whyRequired: 'payloads must not reach Temporal unencrypted',
      error: (variable, message) => new CodecKeyConfigError(variable, message),
    },
    env,
  );
}
