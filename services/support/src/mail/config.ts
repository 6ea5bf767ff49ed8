import { mailConfig } from '@guild/platform';
import { z } from 'zod';

export const supportMailConfig = {
  ...mailConfig('Guild support <support@support.guild.local>'),
  /** The listener customers' mail reaches (behind the mail exchanger of the support domain). */
  SUPPORT_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).default(2525),
  SUPPORT_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INBOUND_MAIL_PER_SENDER_PER_HOUR: z.coerce.number().int().positive().default(30),
  INBOUND_MAIL_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(300),
};

/**
 * The largest inbound mail: one attachment of the largest size once base64-encoded (4/3, plus
 * line breaks), and room for the text around it.
 */
export const mailSizeLimitFor = (maxAttachmentBytes: number) => Math.ceil(maxAttachmentBytes * 1.37) + 1024 * 1024;
