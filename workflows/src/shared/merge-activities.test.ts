import { describe, expect, it } from 'vitest';
import { activityFactories, createActivities } from '../activities.js';
import { createServiceClients } from '../services.js';
import { mergeActivities } from './merge-activities.js';

const noop = async () => undefined;

describe('merging the processes’ activities', () => {
  it('refuses an activity name offered by two processes, naming both', () => {
    expect(() => mergeActivities({ billing: { chargeCustomer: noop }, payouts: { payExpert: noop, chargeCustomer: noop } })).toThrow(
      'activity chargeCustomer is offered by both billing and payouts',
    );
  });

  it('the worker starts with every activity of every registered process', () => {
    const services = createServiceClients({ SUPPORT_URL: 'http://127.0.0.1:9', IDENTITY_URL: 'http://127.0.0.1:9', PROJECTS_URL: 'http://127.0.0.1:9', PAYOUTS_URL: 'http://127.0.0.1:9', BILLING_URL: 'http://127.0.0.1:9', VAULT_URL: 'http://127.0.0.1:9', MARKETPLACE_URL: 'http://127.0.0.1:9', SALES_URL: 'http://127.0.0.1:9' }, async () => 'token');
    const activities = createActivities({ services });
    const offered = Object.values(activityFactories).flatMap((create) => Object.keys(create({ services })));
    expect(Object.keys(activities).sort()).toEqual(offered.sort());
    expect(Object.keys(activities)).toEqual(expect.arrayContaining(['loadSupportTerms', 'recordSlaEvent', 'pruneDeliveredEvents']));
  });
});
