import { identityClientConfig, mailConfig } from '@guild/platform';

export const marketplaceMailConfig = {
  ...mailConfig('Guild hiring <hiring@guild.local>'),
  /** Identity resolves the people hiring mails (customers, experts, ops) when each mail is sent. */
  ...identityClientConfig,
};
