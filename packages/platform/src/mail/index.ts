export { defineMailTemplate, mailTemplates, renderMail, escapeHtml, type MailTemplate, type MailTemplates, type RenderedMail } from './template.js';
export {
  recipientSchema,
  personRecipientSchema,
  mailAddressesRequestSchema,
  mailAddressesSchema,
  type Recipient,
  type PersonRecipient,
  type MailAddresses,
  type MailDirectory,
} from './recipients.js';
export { queueMail, queuedMailRowOf, type MailToQueue, type QueuedMailRow } from './queue-mail.js';
export { startMailRelay, type MailRelay, type MailRelayOptions } from './mail-relay.js';
export { identityMailDirectory } from './identity-directory.js';
export { createMailMetrics, type MailMetrics } from './metrics.js';
export { registerUndeliveredMailRoutes } from './undelivered-routes.js';
