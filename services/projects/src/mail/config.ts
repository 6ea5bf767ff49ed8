import { z } from 'zod';

export const projectsMailConfig = {
  /** Where the projects mails go: maildev locally, the mail provider elsewhere. */
  SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(1).default('Guild projects <projects@projects.guild.local>'),
  /** Where people reach this service from a mail: the NPS answer page. */
  PROJECTS_PUBLIC_URL: z.url().default('http://127.0.0.1:4030'),
  /** Identity resolves the people projects mails (a customer's company, an expert, ops) when each mail is sent. */
  IDENTITY_URL: z.url().default('http://127.0.0.1:4020'),
  SERVICE_CLIENT_ID: z.string().min(1).optional(),
  SERVICE_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
};
