import { Counter, Registry } from 'prom-client';

/**
 * The mail relay's counters, in a registry of their own that the service app serves on /metrics
 * beside its HTTP metrics (`createServiceApp({ metrics: [mail.registry] })`).
 */
export function createMailMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const sent = new Counter({ name: 'mail_sent_total', help: 'Mails the SMTP server accepted', registers: [registry] });
  const givenUp = new Counter({
    name: 'mail_undelivered_total',
    help: 'Mails given up, by reason: unresolvable (nobody to send to), refused (5xx), attempts_exhausted',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return { registry, sent, givenUp };
}

export type MailMetrics = ReturnType<typeof createMailMetrics>;
