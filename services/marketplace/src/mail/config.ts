import { z } from 'zod';

export const marketplaceMailConfig = {
  /** Where the hiring mails go: maildev locally, the mail provider elsewhere. */
  SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(1).default('Guild hiring <hiring@guild.local>'),
  /** Identity resolves the people hiring mails (customers, experts, ops) when each mail is sent. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4020'),
  SERVICE_CLIENT_ID: z.string().min(1).optional(),
  SERVICE_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
};
