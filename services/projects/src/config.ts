import { createHmac } from 'node:crypto';
import { ConfigError } from '@guild/platform';
import { z } from 'zod';

export const projectsConfig = {
  PORT: z.coerce.number().int().positive().default(4030),
  /** An expert declining a meeting with less notice than this makes a late reschedule. */
  RESCHEDULE_NOTICE_HOURS: z.coerce.number().int().min(0).max(24 * 14).default(12),
  /** Signs the one-click NPS answer links; required wherever JWT_SECRET (development) is unset. */
  NPS_LINK_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
};

/** The NPS link key, or in development one derived from the dev token secret; neither → exit naming it. */
export function npsLinkKeyOf(config: { NPS_LINK_KEY?: string | undefined; JWT_SECRET?: string | undefined }): string {
  if (config.NPS_LINK_KEY) return config.NPS_LINK_KEY;
  if (config.JWT_SECRET) return createHmac('sha256', config.JWT_SECRET).update('guild nps links').digest('base64url');
  throw new ConfigError([{ variable: 'NPS_LINK_KEY', message: 'is required: 32 or more random characters that sign NPS answer links' }]);
}
