import { signToken } from '@guild/platform';
import type { RequestHandler } from 'express';
import { decodeProtectedHeader } from 'jose';
import type { AccessTokenVerifier } from '../keys/verify-access-token.js';

const bearer = /^Bearer\s+(\S+)\s*$/i;

/**
 * Bridge until the platform verifies access tokens against the JWKS: the app factory still checks
 * HS256 tokens signed with JWT_SECRET only. A token this service issued (EdDSA/ES256) is verified
 * here against its own keys and handed on as the same principal in a platform token valid for
 * this request only. Tokens that fail verification are left as they are, so the factory answers
 * its usual 401. Remove this file once `createServiceApp` takes a JWKS verifier.
 */
export function acceptIssuedTokens(verify: AccessTokenVerifier, jwtSecret: string): RequestHandler {
  return async (req, _res, next) => {
    const token = bearer.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !isAsymmetric(token)) return next();
    try {
      const principal = await verify(token);
      req.headers.authorization = `Bearer ${await signToken(jwtSecret, principal, { expiresIn: '60s' })}`;
    } catch {
      // Left to the factory's authentication, which refuses it with 401.
    }
    next();
  };
}

function isAsymmetric(token: string): boolean {
  try {
    return decodeProtectedHeader(token).alg !== 'HS256';
  } catch {
    return false;
  }
}
