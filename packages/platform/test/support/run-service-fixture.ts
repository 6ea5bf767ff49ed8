import { z } from 'zod';
import { commonConfig } from '../../src/config.js';
import { runService } from '../../src/run-service.js';

// A smallest service for run-service.test.ts, run as a child process.
await runService({
  name: 'fixture',
  config: {
    HOST: commonConfig.HOST,
    PORT: commonConfig.PORT,
    LOG_LEVEL: commonConfig.LOG_LEVEL,
    LOG_BUFFER_BYTES: commonConfig.LOG_BUFFER_BYTES,
    FIXTURE_GREETING: z.string().min(1),
  },
  start: ({ config, logger }) => ({
    app: (_req, res) => res.end(config.FIXTURE_GREETING),
    background: [{ stop: () => logger.info('background part stopped') }],
  }),
});
