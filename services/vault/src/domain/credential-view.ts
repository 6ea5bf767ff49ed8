import type { CredentialView } from '@guild/contracts';
import type { VaultCredential } from '@guild/db';

/** What the customer, the expert and ops see of a credential: never its secret or notes. */
export function toCredentialView(c: VaultCredential): CredentialView {
  return {
    id: c.id,
    projectId: c.projectId,
    system: c.system,
    login: c.login,
    status: c.revokedAt ? 'revoked' : 'active',
    handedOverBy: c.handedOverBy,
    handedOverAt: c.handedOverAt.toISOString(),
    revokedBy: c.revokedBy,
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}
