// A token's claims are the platform's (one definition for issuing and verifying everywhere).
export { claimsOf, principalOfClaims } from '@guild/platform';

/** Every access token names its issuer so a token from elsewhere never passes. */
export const accessTokenIssuer = 'guild';
