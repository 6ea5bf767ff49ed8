/**
 * What a credential's sealed secret is bound to: its own id. A sealed secret copied onto another
 * credential's row does not open there.
 */
export const sealContextOf = (credentialId: string) => `vault.credential:${credentialId}`;

/** The sealed plaintext: the secret and the notes, which may say as much as the secret. */
export interface SealedParts {
  secret: string;
  notes: string | null;
}
