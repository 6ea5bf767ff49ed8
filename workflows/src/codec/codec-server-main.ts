import { commonConfig, runService, tokenVerifierFromConfig } from '@guild/platform';
import { z } from 'zod';
import { createCodecServer } from './codec-server.js';
import { codecKeyRingOrExit } from './key-ring-or-exit.js';
import { defaultUiOrigins } from './ui-cors.js';

// The codec endpoint for the Temporal UI and CLI. Like every service it listens on loopback
// unless HOST says otherwise: the UI calls it from the ops person's own browser, and a
// deployment puts an https proxy in front.
await runService({
  name: 'codec-server',
  config: {
    JWT_SECRET: commonConfig.JWT_SECRET,
    IDENTITY_JWKS_URL: commonConfig.IDENTITY_JWKS_URL,
    LOG_LEVEL: commonConfig.LOG_LEVEL,
    HOST: commonConfig.HOST,
    PORT: z.coerce.number().int().min(0).max(65_535).default(8089),
    CODEC_CORS_ORIGINS: z
      .string()
      .default(defaultUiOrigins.join(','))
      .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
      // The browser sends an origin without path or trailing slash; compare like with like.
      .pipe(z.array(z.url().transform((url) => new URL(url).origin)).min(1, 'list at least one Temporal UI origin')),
    CODEC_COOKIE_SAMESITE: z.enum(['strict', 'none']).default('strict'),
  },
  start({ config, logger }) {
    const ring = codecKeyRingOrExit();
    const app = createCodecServer({
      ring,
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CODEC_CORS_ORIGINS,
      cookieSameSite: config.CODEC_COOKIE_SAMESITE,
      logger,
    });
    return { app, announce: { keyId: ring.current.id, keys: ring.byId.size, corsOrigins: config.CODEC_CORS_ORIGINS } };
  },
});
