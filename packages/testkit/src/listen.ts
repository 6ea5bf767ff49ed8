import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener } from 'node:http';

/** Serves `app` on a free loopback port, for tests that call it over real HTTP. */
export async function listenOnFreePort(app: RequestListener) {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
