import type { ConsumerConfig } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

// NATS servers before 2.10 accept one filter subject per consumer: there the filter is the
// longest common prefix of the subjects, and the rest is filtered on our side.
function supportsFilterSubjects(nc: NatsConnection): boolean {
  const [major = 0, minor = 0] = (nc.info?.version ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

export interface SubjectFilter {
  config: Pick<ConsumerConfig, 'filter_subject' | 'filter_subjects'>;
  /** True when the server-side filter lets through subjects nobody asked for. */
  broader: boolean;
}

export function filterFor(nc: NatsConnection, subjects: string[]): SubjectFilter {
  if (subjects.length === 1) return { config: { filter_subject: subjects[0]! }, broader: false };
  if (supportsFilterSubjects(nc)) return { config: { filter_subjects: subjects }, broader: false };
  const split = subjects.map((subject) => subject.split('.'));
  const common: string[] = [];
  for (const [i, token] of split[0]!.entries()) {
    if (token === '*' || token === '>') break;
    if (split.some((tokens) => tokens[i] !== token || i === tokens.length - 1)) break;
    common.push(token);
  }
  return { config: common.length > 0 ? { filter_subject: `${common.join('.')}.>` } : {}, broader: true };
}

/** NATS subject matching: `*` is one token, a final `>` is one or more. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const want = pattern.split('.');
  const got = subject.split('.');
  for (const [i, token] of want.entries()) {
    if (token === '>') return got.length > i;
    if (i >= got.length || (token !== '*' && token !== got[i])) return false;
  }
  return want.length === got.length;
}
