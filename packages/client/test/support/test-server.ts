import { buildApp, loadConfig, MemoryBlobStore, MemoryStore } from '@burnlink/server';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

/**
 * The real app (`buildApp` from @burnlink/server) on a MemoryStore and a MemoryBlobStore, listening on
 * 127.0.0.1 at a free port, with a fault proxy in front: what the SDK and CLI unit tests talk to. `env` sets
 * `BURNLINK_*` variables (limits, attempts); rate limits are off unless it sets them.
 *
 * @example
 * const server = await startTestServer({ BURNLINK_MAX_ATTEMPTS: '2' });
 * const client = createClient({ baseUrl: server.url });      // through the proxy: recorded, faults on demand
 * afterAll(() => server.close());
 */
export interface TestServer {
  /** The proxy's origin: every request is recorded in `proxy.seen` and may meet a planned fault. */
  url: string;
  /** The app's own origin, for requests that must not be recorded or faulted. */
  directUrl: string;
  proxy: FaultProxy;
  store: MemoryStore;
  blobs: MemoryBlobStore;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({
    BURNLINK_STORE: 'memory:',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_WEB_DIR: '/nonexistent-burnlink-web',
    ...env,
  });
  const store = new MemoryStore();
  const blobs = new MemoryBlobStore();
  const app = await buildApp({ config, store, blobs, logger: false });
  const directUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const proxy = await startFaultProxy(directUrl);
  return {
    url: proxy.url,
    directUrl,
    proxy,
    store,
    blobs,
    close: async () => {
      await proxy.close();
      await app.close();
    },
  };
}
