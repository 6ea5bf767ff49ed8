import type { Principal } from '@guild/platform';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { accessTokenIssuer, principalOfClaims } from './access-token-claims.js';
import { signingAlgorithms } from './signing-keys.js';

export type AccessTokenVerifier = (token: string) => Promise<Principal>;

/** Why a token was refused; the caller answers every reason with the same 401. */
export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError';
}

/**
 * Verifies Guild access tokens against a key set: the identity service's published JWKS
 * (`createRemoteJWKSet` caches it and refetches on an unknown `kid`, so rotation needs no
 * restart) or a local copy. Checks signature, algorithm, issuer and expiry.
 */
export function createJwksVerifier(source: URL | JSONWebKeySet): AccessTokenVerifier {
  const keySet: JWTVerifyGetKey = source instanceof URL ? createRemoteJWKSet(source) : createLocalJWKSet(source);
  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, keySet, { issuer: accessTokenIssuer, algorithms: [...signingAlgorithms] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AccessTokenError('the access token has expired');
      throw new AccessTokenError('the access token is invalid');
    }
    const principal = principalOfClaims(payload);
    if (!principal) throw new AccessTokenError('the access token does not name a valid principal');
    return principal;
  };
}
