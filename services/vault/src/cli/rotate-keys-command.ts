import { createPrismaClient } from '@guild/db';
import { commonConfig, createSealer, loadConfig, type Logger } from '@guild/platform';
import { loadVaultMasterKeys } from '../config.js';
import { rotateMasterKey } from '../domain/rotate-master-key.js';

/**
 * Re-wraps every credential's data key under the current master key (`VAULT_MASTER_KEY_ID`, by
 * default the last of `VAULT_MASTER_KEYS`). The ring must still list the keys being retired.
 */
export async function rotateKeysCommand(env: Record<string, string | undefined>, logger: Logger) {
  const { DATABASE_URL } = loadConfig({ DATABASE_URL: commonConfig.DATABASE_URL }, env);
  const sealer = createSealer(loadVaultMasterKeys(env));
  const prisma = createPrismaClient(DATABASE_URL);
  try {
    const result = await rotateMasterKey(prisma, sealer);
    logger.info(result, `every credential's data key is now wrapped by master key "${result.currentKeyId}"`);
    return result;
  } finally {
    await prisma.$disconnect();
  }
}
