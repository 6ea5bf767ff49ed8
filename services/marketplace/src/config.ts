import { z } from 'zod';

export const marketplaceConfig = {
  PORT: z.coerce.number().int().positive().default(4060),
  /** Experts' dedicated mailboxes, `<expertId>@<domain>`: the Reply-To of every project mail. */
  EXPERT_MAIL_DOMAIN: z.string().min(1).default('experts.guild.local'),
  /** Where the welcome mail points the customer to the project board. */
  PROJECTS_PUBLIC_URL: z.url().default('http://127.0.0.1:4030'),
};
