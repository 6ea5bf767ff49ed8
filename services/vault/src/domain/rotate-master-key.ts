import type { PrismaClient } from '@guild/db';
import type { Sealer } from '@guild/platform';

const batch = 200;

/**
 * Re-wraps the data key of every credential that an older master key wraps under the current one;
 * secrets themselves are not re-encrypted. Each row changes only if no one revoked or re-wrapped
 * it meanwhile. Running it again finds nothing to do; a credential whose key is missing from the
 * ring stops the run with its id named (never its contents).
 */
export async function rotateMasterKey(prisma: PrismaClient, sealer: Sealer) {
  let rewrapped = 0;
  for (;;) {
    const stale = await prisma.vaultCredential.findMany({
      where: { revokedAt: null, masterKeyId: { not: sealer.currentKeyId } },
      select: { id: true, masterKeyId: true, sealedSecret: true },
      orderBy: { id: 'asc' },
      take: batch,
    });
    for (const credential of stale) {
      const sealed = Buffer.from(credential.sealedSecret!);
      const wrapped = rewrapOrExplain(sealer, sealed, credential.id);
      const updated = await prisma.vaultCredential.updateMany({
        where: { id: credential.id, masterKeyId: credential.masterKeyId },
        data: { sealedSecret: wrapped, masterKeyId: sealer.currentKeyId },
      });
      rewrapped += updated.count;
    }
    if (stale.length < batch) break;
  }
  return { rewrapped, currentKeyId: sealer.currentKeyId };
}

function rewrapOrExplain(sealer: Sealer, sealed: Buffer, credentialId: string): Buffer<ArrayBuffer> {
  try {
    // null: the envelope already names the current key (only the column lagged behind).
    return sealer.rewrap(sealed) ?? Buffer.from(sealed);
  } catch (error) {
    throw new Error(`credential ${credentialId}: its data key does not unwrap (${(error as Error).message})`, { cause: error });
  }
}
