import { createTokenIssuer, signingKeysFromPem } from '@guild/identity/tokens';
import type { Principal } from '@guild/platform';

/**
 * Access tokens as identity signs them at sign-in, with the key the stack's identity holds: the
 * test plays the people who signed in, and the services verify them against identity's JWKS.
 */
export async function accessTokensOf(privateKeyPem: string) {
  const issuer = createTokenIssuer(await signingKeysFromPem(privateKeyPem));
  return {
    issue: async (principal: Principal) => (await issuer.issueAccessToken(principal)).accessToken,
  };
}
