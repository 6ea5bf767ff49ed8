import { z } from 'zod';
import { createServiceClient, type ServiceClient } from './shared/service-client.js';

/**
 * Every service the worker's activities call, at `<NAME>_URL` (what `npm start` sets). A new
 * service is one line here; its client is then `services.<name>` in every activity factory.
 */
export const serviceUrlConfig = {
  SUPPORT_URL: z.url().default('http://127.0.0.1:4010'),
  IDENTITY_URL: z.url().default('http://127.0.0.1:4020'),
  PROJECTS_URL: z.url().default('http://127.0.0.1:4030'),
  PAYOUTS_URL: z.url().default('http://127.0.0.1:4050'),
  BILLING_URL: z.url().default('http://127.0.0.1:4040'),
  MARKETPLACE_URL: z.url().default('http://127.0.0.1:4060'),
  VAULT_URL: z.url().default('http://127.0.0.1:4070'),
  SALES_URL: z.url().default('http://127.0.0.1:4080'),
};

type UrlVariable = keyof typeof serviceUrlConfig;
type NameOf<V> = V extends `${infer N}_URL` ? Lowercase<N> : never;
export type ServiceName = NameOf<UrlVariable>;
export type ServiceClients = Record<ServiceName, ServiceClient>;

/** What every process's activity factory receives. */
export interface ActivityDeps {
  services: ServiceClients;
}

/** One authenticated client per configured service. */
export function createServiceClients(urls: Record<UrlVariable, string>, token: () => Promise<string>): ServiceClients {
  const variables = Object.keys(serviceUrlConfig) as UrlVariable[];
  return Object.fromEntries(
    variables.map((variable) => {
      const name = variable.slice(0, -'_URL'.length).toLowerCase();
      return [name, createServiceClient(name, urls[variable], token)];
    }),
  ) as ServiceClients;
}
