import { identityClientConfig, mailConfig } from '@guild/platform';
import { z } from 'zod';

export const projectsMailConfig = {
  ...mailConfig('Guild projects <projects@projects.guild.local>'),
  /** Where people reach this service from a mail: the NPS answer page. */
  PROJECTS_PUBLIC_URL: z.url().default('http://127.0.0.1:4030'),
  /** Identity resolves the people projects mails (a customer's company, an expert, ops) when each mail is sent. */
  ...identityClientConfig,
};
