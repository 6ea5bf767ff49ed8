import { createHmac } from 'node:crypto';
import { ConfigError } from '@guild/platform';
import { z } from 'zod';

export const resolutionConfig = {
  /** Signs the one-click rating links of resolution mails (32+ random characters). */
  RATING_LINK_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  /** Where customers' browsers reach support (the rating page of resolution mails). */
  SUPPORT_PUBLIC_URL: z.url().default('http://127.0.0.1:4010'),
};

/**
 * The rating link key: its own variable, else one derived from a secret the deployment already
 * gives support (the dev token secret, or its client secret at identity), so no deployment lacks
 * one; without any, the service exits naming the variable.
 */
export function ratingLinkKeyOf(config: { RATING_LINK_KEY?: string | undefined; JWT_SECRET?: string | undefined; SERVICE_CLIENT_SECRET?: string | undefined }): string {
  if (config.RATING_LINK_KEY) return config.RATING_LINK_KEY;
  const base = config.JWT_SECRET ?? config.SERVICE_CLIENT_SECRET;
  if (base) return createHmac('sha256', base).update('guild support rating links').digest('base64url');
  throw new ConfigError([{ variable: 'RATING_LINK_KEY', message: 'is required: 32 or more random characters that sign rating links' }]);
}
