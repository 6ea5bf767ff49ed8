import { randomUUID } from 'node:crypto';
import type { Principal } from '@guild/platform';
import { SignJWT } from 'jose';
import { accessTokenIssuer, claimsOf } from './access-token-claims.js';
import type { PublicJwk, SigningKeys } from './signing-keys.js';
import { createJwksVerifier, type AccessTokenVerifier } from './verify-access-token.js';

export interface TokenIssuer {
  /** Signs a short-lived access token for the principal with the current key. */
  issueAccessToken(principal: Principal): Promise<{ accessToken: string; expiresIn: number }>;
  /** The public keys to publish: the current one first, then those kept for rotation. */
  jwks(): { keys: PublicJwk[] };
  /** Verifies a token against the published keys, exactly as other services do through the JWKS. */
  verifyAccessToken: AccessTokenVerifier;
}

export function createTokenIssuer(keys: SigningKeys, opts: { accessTokenTtlSeconds?: number } = {}): TokenIssuer {
  const ttl = opts.accessTokenTtlSeconds ?? 15 * 60;
  const jwks: { keys: PublicJwk[] } = { keys: [keys.current, ...keys.previous].map((key) => ({ ...key.jwk })) };
  const verifyAccessToken = createJwksVerifier(jwks);
  return {
    async issueAccessToken(principal) {
      const accessToken = await new SignJWT(claimsOf(principal))
        .setProtectedHeader({ alg: keys.current.alg, kid: keys.current.kid, typ: 'JWT' })
        .setSubject(principal.subject)
        .setIssuer(accessTokenIssuer)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(keys.current.privateKey);
      return { accessToken, expiresIn: ttl };
    },
    jwks: () => structuredClone(jwks),
    verifyAccessToken,
  };
}
