import { decodeJwt } from 'jose';
import type { Principal } from '../auth.js';
import type { TokenVerifier } from '../token-verifier.js';

const maxEntries = 10_000;
// A key identity retires stops being honoured for tokens already seen within this long.
const maxHoldMs = 30_000;

/**
 * Remembers which exact token strings verified, and as whom, until the token expires (at most
 * `maxHoldMs`), so a client's next requests skip the signature check. Only successes are kept: a
 * bad token is checked (and refused) every time. The map is emptied when it fills up.
 */
export function cachedTokenVerifier(verify: TokenVerifier, now: () => number = Date.now): TokenVerifier {
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const held = verified.get(token);
    if (held && held.until > now()) return held.principal;
    if (held) verified.delete(token);
    const principal = await verify(token);
    const exp = decodeJwt(token).exp;
    const until = Math.min(now() + maxHoldMs, typeof exp === 'number' ? exp * 1000 : now());
    if (until > now()) {
      if (verified.size >= maxEntries) verified.clear();
      verified.set(token, { principal, until });
    }
    return principal;
  };
}
