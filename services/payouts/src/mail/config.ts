import { identityClientConfig, mailConfig } from '@guild/platform';

export const payoutsMailConfig = {
  ...mailConfig('Guild payouts <payouts@payouts.guild.local>'),
  /** Identity resolves the people payouts mails (experts, ops) when each mail is sent, and knows who is an expert. */
  ...identityClientConfig,
};
