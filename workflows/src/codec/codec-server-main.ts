import { commonConfig, createLogger, loadConfigOrExit, tokenVerifierFromConfig } from '@guild/platform';
import { z } from 'zod';
import { createCodecServer } from './codec-server.js';
import { codecKeyRingOrExit } from './key-ring-or-exit.js';
import { defaultUiOrigins } from './ui-cors.js';

// The codec endpoint for the Temporal UI and CLI. It listens on loopback only: the UI calls it
// from the ops person's own browser, and a deployment puts an https proxy in front.
const config = loadConfigOrExit({
  JWT_SECRET: commonConfig.JWT_SECRET,
  IDENTITY_JWKS_URL: commonConfig.IDENTITY_JWKS_URL,
  LOG_LEVEL: commonConfig.LOG_LEVEL,
  PORT: z.coerce.number().int().min(0).max(65_535).default(8089),
  CODEC_CORS_ORIGINS: z
    .string()
    .default(defaultUiOrigins.join(','))
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    // The browser sends an origin without path or trailing slash; compare like with like.
    .pipe(z.array(z.url().transform((url) => new URL(url).origin)).min(1, 'list at least one Temporal UI origin')),
  CODEC_COOKIE_SAMESITE: z.enum(['strict', 'none']).default('strict'),
});
const logger = createLogger('codec-server', config.LOG_LEVEL);

const ring = codecKeyRingOrExit();

const app = createCodecServer({
  ring,
  verifyToken: tokenVerifierFromConfig(config),
  corsOrigins: config.CODEC_CORS_ORIGINS,
  cookieSameSite: config.CODEC_COOKIE_SAMESITE,
  logger,
});
const server = app.listen(config.PORT, '127.0.0.1', (error) => {
  if (error) {
    logger.fatal({ errorName: error.name, errorMessage: error.message }, 'codec server cannot listen');
    process.exit(1);
  }
  logger.info(
    { port: config.PORT, keyId: ring.current.id, keys: ring.byId.size, corsOrigins: config.CODEC_CORS_ORIGINS },
    'codec server listening',
  );
});

function shutdown(signal: string) {
  logger.info({ signal }, 'codec server stopping');
  server.close(() => process.exit(0));
  // Browsers keep connections alive; do not wait for them forever.
  server.closeAllConnections();
}
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

/** Like loadConfigOrExit: a bad key configuration is fatal, and the message names the variable. */
