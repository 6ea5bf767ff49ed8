import type { RequestListener } from 'node:http';
import type { Principal } from '@guild/platform';
import supertest from 'supertest';
import { tokenFor } from './principals.js';

/** Requests with a bearer token, as a front end or another service sends them. */
export function bearerCaller(app: RequestListener, token: string | Promise<string>) {
  const http = supertest(app);
  const bearer = async () => `Bearer ${await token}`;
  return {
    get: async (path: string) => http.get(path).set('authorization', await bearer()),
    delete: async (path: string) => http.delete(path).set('authorization', await bearer()),
    post: async (path: string, body?: object) => http.post(path).set('authorization', await bearer()).send(body),
    put: async (path: string, body?: object) => http.put(path).set('authorization', await bearer()).send(body),
    patch: async (path: string, body?: object) => http.patch(path).set('authorization', await bearer()).send(body),
    upload: async (path: string, bytes: Buffer, contentType: string) =>
      http.post(path).set('authorization', await bearer()).set('content-type', contentType).send(bytes),
    download: async (path: string) =>
      http
        .get(path)
        .set('authorization', await bearer())
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        }),
  };
}

/** `as(principal)`: the app called by that person with a test token. */
export function callerAs(app: RequestListener) {
  return (principal: Principal) => bearerCaller(app, tokenFor(principal));
}
