import { createTestDatabase } from '@guild/db/testing';
import { createLogger, signToken, type Principal } from '@guild/platform';
import { testJwtSecret } from '@guild/platform/testing';
import supertest from 'supertest';
import { createServer } from '../src/server.js';

/** The support app on a fresh database of its own, and tokens for the people who call it. */
export async function startSupportApp(options: Pick<Parameters<typeof createServer>[0], 'submissionsPerHour'> = {}) {
  const db = await createTestDatabase();
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('support-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    ...options,
  });
  const as = (principal: Principal) => {
    const token = signToken(testJwtSecret, principal);
    const http = supertest(app);
    return {
      get: async (path: string) => http.get(path).set('authorization', `Bearer ${await token}`),
      post: async (path: string, body?: object) =>
        http.post(path).set('authorization', `Bearer ${await token}`).send(body),
      put: async (path: string, body?: object) =>
        http.put(path).set('authorization', `Bearer ${await token}`).send(body),
    };
  };
  return { db, app, as, anonymous: supertest(app) };
}

export const customer = (customerId: string): Principal => ({ subject: `user-${customerId}`, role: 'customer', customerId });
export const expert = (expertId: string): Principal => ({ subject: `user-${expertId}`, role: 'expert', expertId });
export const ops: Principal = { subject: 'ops-1', role: 'ops' };
export const service: Principal = { subject: 'temporal-worker', role: 'service' };
