import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { principalOfVerifiedToken, verifyToken, type Principal } from './auth.js';
import { ConfigError } from './config.js';
import { unauthorized } from './errors.js';

export type TokenVerifier = (token: string) => Promise<Principal>;

export interface TokenVerifierOptions {
  /** The identity service's published keys, e.g. http://127.0.0.1:4020/.well-known/jwks.json. */
  jwksUrl?: string | undefined;
  /** A key set held locally (the identity service verifies with its own keys). */
  jwks?: JSONWebKeySet | undefined;
  /** Accept HS256 dev tokens signed with this secret: local development and tests only. */
  jwtSecret?: string | undefined;
}

const asymmetric = ['EdDSA', 'ES256'];

/**
 * The tokens a service accepts: access tokens the identity service signs with its asymmetric key,
 * checked against its JWKS (fetched once, refetched on an unknown key id, so key rotation needs no
 * restart); and, only where a dev secret is configured, HS256 tokens from `npm run token`.
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const keySet: JWTVerifyGetKey | undefined = opts.jwks
    ? createLocalJWKSet(opts.jwks)
    : opts.jwksUrl
      ? createRemoteJWKSet(new URL(opts.jwksUrl))
      : undefined;
  if (!keySet && !opts.jwtSecret) {
    throw new ConfigError([{ variable: 'IDENTITY_JWKS_URL', message: 'is required to verify access tokens (or JWT_SECRET for local development)' }]);
  }

  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthorized('the access token is invalid');
    }
    if (alg === 'HS256' && opts.jwtSecret) return verifyToken(opts.jwtSecret, token);
    if (!alg || !asymmetric.includes(alg) || !keySet) throw unauthorized('the access token is invalid');
    return principalOfVerifiedToken(jwtVerify(token, keySet, { issuer: 'guild', algorithms: asymmetric }));
  };
}

/** The verifier a service builds from its config; exits naming the variable when none is set. */
export function tokenVerifierFromConfig(config: { IDENTITY_JWKS_URL?: string | undefined; JWT_SECRET?: string | undefined }): TokenVerifier {
  try {
    return createTokenVerifier({ jwksUrl: config.IDENTITY_JWKS_URL, jwtSecret: config.JWT_SECRET });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
