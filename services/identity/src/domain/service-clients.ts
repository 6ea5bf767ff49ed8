import type { PrismaClient } from '@guild/db';
import type { Principal } from '@guild/platform';
import { hashSecret, secretMatches } from '../security/secret-tokens.js';
import { recordAudit } from './audit.js';
import { invalidClient } from './identity-errors.js';

const clientTarget = (clientId: string) => `service_client:${clientId}`;

// Compared against when the client id is unknown, so both failures take the same time.
const decoySecretHash = hashSecret('no such client');

/**
 * Registers a machine caller, or gives it a new secret. Idempotent: running it again with the same
 * secret changes nothing and audits nothing.
 */
export async function registerServiceClient(
  prisma: PrismaClient,
  client: { id: string; name: string; secret: string },
  actor = 'system',
): Promise<'created' | 'secret_changed' | 'unchanged'> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.serviceClient.findUnique({ where: { id: client.id } });
    if (existing && secretMatches(existing.secretHash, client.secret)) return 'unchanged';
    const secretHash = hashSecret(client.secret);
    await tx.serviceClient.upsert({
      where: { id: client.id },
      create: { id: client.id, name: client.name, secretHash },
      update: { secretHash },
    });
    const outcome = existing ? 'secret_changed' : 'created';
    await recordAudit(tx, { actor, action: `service_client.${outcome}`, target: clientTarget(client.id) });
    return outcome;
  });
}

/** The principal of a machine caller that proved its secret; 401 otherwise. */
export async function authenticateServiceClient(prisma: PrismaClient, clientId: string, clientSecret: string): Promise<Principal> {
  const client = await prisma.serviceClient.findUnique({ where: { id: clientId } });
  const matches = secretMatches(client?.secretHash ?? decoySecretHash, clientSecret);
  if (!client || !matches) throw invalidClient();
  return { subject: client.id, role: 'service' };
}
