// What other processes may take from the identity service: how its tokens are signed and verified.
export { createTokenIssuer, type TokenIssuer } from './token-issuer.js';
export { createJwksVerifier, AccessTokenError, type AccessTokenVerifier } from './verify-access-token.js';
export { loadSigningKeys } from './load-keys.js';
export { signingKeysFromPem, signingAlgorithms, type SigningKeys, type SigningAlgorithm, type PublishedKey, type PublicJwk } from './signing-keys.js';
export { generateSigningKeyPair } from './generate-key-pair.js';
export { accessTokenIssuer } from './access-token-claims.js';
