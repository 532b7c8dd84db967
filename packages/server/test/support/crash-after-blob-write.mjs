// A burnlink server (the built dist/) whose blob store kills the process with SIGKILL right after a write
// that completed a file has made its bytes durable — before the service records them in the SecretStore:
// the moment that used to be "sealed in the blob store, not yet created in the secret store".
// BURNLINK_TEST_CRASH=1 arms it; BURNLINK_TEST_LEASE_MS shortens transfer leases.
import { openBlobStore } from '../../dist/blobs/open-blob-store.js';
import { loadConfig, runServer } from '../../dist/index.js';

const config = loadConfig(process.env);
const blobs = await openBlobStore(config.files.blobStoreUrl, config.dataDir);
const write = blobs.write.bind(blobs);
blobs.write = async (blobId, offset, source, maxBytes) => {
  const result = await write(blobId, offset, source, maxBytes);
  if (process.env.BURNLINK_TEST_CRASH === '1' && result.outcome === 'done' && result.written === maxBytes) {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {});
  }
  return result;
};
await runServer(process.env, { blobs, leaseMs: Number(process.env.BURNLINK_TEST_LEASE_MS ?? 30_000) });
