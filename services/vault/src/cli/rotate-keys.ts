#!/usr/bin/env node
import { ConfigError, createLogger, KeyRingConfigError } from '@guild/platform';
import { rotateKeysCommand } from './rotate-keys-command.js';

// `npm run -w @guild/vault rotate-keys` with DATABASE_URL and VAULT_MASTER_KEYS(_FILE) set; it
// prints counts and key ids, never a secret or a key.
const logger = createLogger('vault-rotate-keys', process.env.LOG_LEVEL || 'info');
try {
  await rotateKeysCommand(process.env, logger);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof KeyRingConfigError)) throw error;
  console.error(`Invalid configuration:\n  ${error.message}`);
  process.exitCode = 2;
}
