import { commonConfig, createSealer, runService, serviceAppDepsOf, startOutboxRelay } from '@guild/platform';
import { vaultConfig, vaultMasterKeysOrExit } from './config.js';
import { startProjectFollower } from './consumers/follow-projects.js';
import { VAULT_SOURCE } from './domain/source.js';
import { createServer } from './server.js';

await runService({
  name: VAULT_SOURCE,
  config: { ...commonConfig, ...vaultConfig },
  async start({ config, logger, ...connect }) {
    // Secrets are kept only sealed: without VAULT_MASTER_KEYS the vault does not start.
    const sealer = createSealer(vaultMasterKeysOrExit());
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: VAULT_SOURCE, logger });
    const projects = startProjectFollower({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    const app = createServer({
      ...serviceAppDepsOf({ prisma, nc, logger, config }),
      sealer,
      maxSecretBytes: config.VAULT_SECRET_MAX_BYTES,
      eventsRecorded: () => relay.nudge(),
    });
    return { app, background: [projects, relay] };
  },
});
