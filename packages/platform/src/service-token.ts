import { signToken } from './auth.js';

export interface ServiceTokenConfig {
  /** The identity service; with a client id and secret the caller signs in as a service there. */
  identityUrl?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Local development and tests without identity credentials: an HS256 dev token. */
  jwtSecret?: string | undefined;
  /** The subject of that dev token, e.g. "temporal-worker", "support". */
  devSubject?: string;
}

/**
 * A service's access token for calls to other services, fetched from identity with its client
 * credentials (or minted in development) once and renewed before it expires.
 */
export function serviceTokenSource(config: ServiceTokenConfig): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  const fetchToken = tokenFetcher(config);
  return async () => {
    if (!cached || Date.now() >= cached.renewAt) {
      const { token, expiresInSeconds } = await fetchToken();
      cached = { token, renewAt: Date.now() + renewAfterSeconds(expiresInSeconds) * 1000 };
    }
    return cached.token;
  };
}

/**
 * A minute before expiry; a token that lives under two minutes is renewed halfway through its
 * life instead (a fixed floor would keep using it after it expired).
 */
function renewAfterSeconds(expiresInSeconds: number): number {
  return expiresInSeconds > 120 ? expiresInSeconds - 60 : expiresInSeconds / 2;
}

function tokenFetcher(config: ServiceTokenConfig): () => Promise<{ token: string; expiresInSeconds: number }> {
  const { identityUrl, clientId, clientSecret, jwtSecret } = config;
  if (identityUrl && clientId && clientSecret) {
    return async () => {
      const res = await fetch(new URL('/auth/service-token', identityUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, clientSecret }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`the identity service refused the service token request of ${clientId} (${res.status})`);
      const body = (await res.json()) as { accessToken: string; expiresIn: number };
      return { token: body.accessToken, expiresInSeconds: body.expiresIn };
    };
  }
  if (jwtSecret) {
    return async () => ({
      token: await signToken(jwtSecret, { subject: config.devSubject ?? 'service', role: 'service' }, { expiresIn: '1h' }),
      expiresInSeconds: 3600,
    });
  }
  throw new Error('a service token needs an identity URL with a client id and secret (or JWT_SECRET in development)');
}
