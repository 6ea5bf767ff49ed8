import { randomUUID } from 'node:crypto';
import { credentialHandedOver, type HandOverCredentialBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { notFound, recordEvent, type Principal, type Sealer } from '@guild/platform';
import { isProjectCustomer } from './project-access.js';
import { sealContextOf, type SealedParts } from './sealing.js';
import { VAULT_SOURCE } from './source.js';
import { projectEnded, secretTooLarge } from './vault-errors.js';

/**
 * The customer hands over access to one tool of their project. The secret and notes are sealed
 * before anything is written; the row and its `vault.credential.handed_over` event (ids only)
 * commit together.
 */
export async function handOverCredential(
  prisma: PrismaClient,
  sealer: Sealer,
  maxSecretBytes: number,
  principal: Principal,
  projectId: string,
  body: HandOverCredentialBody,
) {
  if (Buffer.byteLength(body.secret, 'utf8') > maxSecretBytes) throw secretTooLarge(maxSecretBytes);
  return prisma.$transaction(async (tx) => {
    const project = await tx.vaultProject.findUnique({ where: { projectId } });
    if (!project || !isProjectCustomer(principal, project)) throw notFound('project');
    if (project.status === 'ended') throw projectEnded();
    const id = randomUUID();
    const parts: SealedParts = { secret: body.secret, notes: body.notes ?? null };
    const credential = await tx.vaultCredential.create({
      data: {
        id,
        projectId,
        system: body.system,
        login: body.login,
        sealedSecret: sealer.seal(Buffer.from(JSON.stringify(parts), 'utf8'), sealContextOf(id)),
        masterKeyId: sealer.currentKeyId,
        handedOverBy: principal.subject,
      },
    });
    await recordEvent(tx, VAULT_SOURCE, credentialHandedOver, {
      credentialId: id,
      projectId,
      customerId: project.customerId,
      expertId: project.expertId,
      handedOverAt: credential.handedOverAt.toISOString(),
    });
    return credential;
  });
}
