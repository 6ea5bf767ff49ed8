import { keyRingOrExit, loadKeyRing, type KeyRing } from '@guild/platform';
import { z } from 'zod';

export const vaultConfig = {
  PORT: z.coerce.number().int().positive().default(4070),
  /** The largest secret a customer may hand over, in UTF-8 bytes; larger ones are refused with 413. */
  VAULT_SECRET_MAX_BYTES: z.coerce.number().int().positive().max(64 * 1024).default(8 * 1024),
};

/**
 * The master keys that wrap every credential's data key: `VAULT_MASTER_KEYS` (or the file
 * `VAULT_MASTER_KEYS_FILE`) lists `keyId:base64key`; `VAULT_MASTER_KEY_ID` picks the one that
 * wraps new credentials, by default the last. Rotation as for the Temporal codec: add a key, make
 * it current, run `npm run -w @guild/vault rotate-keys`, then drop the old key.
 */
export const loadVaultMasterKeys = (env: Record<string, string | undefined> = process.env): KeyRing =>
  loadKeyRing(
    { keys: 'VAULT_MASTER_KEYS', file: 'VAULT_MASTER_KEYS_FILE', currentId: 'VAULT_MASTER_KEY_ID', whyRequired: 'secrets must not be kept unencrypted' },
    env,
  );

export const vaultMasterKeysOrExit = () => keyRingOrExit(() => loadVaultMasterKeys());
