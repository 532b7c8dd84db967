import { Cluster } from 'ioredis';
import { fileMember, isToken } from './redis-keys.js';
import { type RedisLink, strings } from './redis-link.js';

/**
 * The key layout this code writes; stored at `<prefix>layout` once every older secret was upgraded. Fields
 * added to layout 2 later are optional and read as absent on older secrets (restrictions `rs`: none, see
 * `redis-lua.ts`), so they need no upgrade and no new layout number.
 */
const LAYOUT = '2';

/**
 * Upgrades every secret of an older key layout under this prefix, once: scans each master for secret keys,
 * runs `blUpgradeSecret` (`redis-scripts.ts`) on each, then writes the blob pointers and file index entries the upgraded ones
 * need, and marks the prefix. Without it the blob sweeper would find the bytes of files stored before the
 * upgrade unknown (`knownBlobs`) and delete them while their secrets live. Safe when several nodes start at
 * once (every step is idempotent). Grants of claims made before the upgrade were the old blob store's and
 * are not carried over; nodes of the older version must be stopped first, or secrets they store after the
 * upgrade stay in the old layout.
 */
export async function upgradeLayout(link: RedisLink): Promise<void> {
  const { client, keys } = link;
  if ((await link.run(() => client.get(keys.layout()))) === LAYOUT) return;
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await link.run(() =>
        node.scan(cursor, 'MATCH', keys.secretPattern(), 'COUNT', 1000),
      );
      cursor = next;
      await Promise.all(found.map((key) => upgradeSecret(link, keys.idOfSecret(key))));
    } while (cursor !== '0');
  }
  await link.run(() => client.set(keys.layout(), LAYOUT));
}

async function upgradeSecret(link: RedisLink, id: string | null): Promise<void> {
  if (id === null || !isToken(id)) return;
  const { client, keys } = link;
  const reply = strings(await link.script('blUpgradeSecret', [keys.secret(id), keys.receipt(id)], []));
  const [expiresAt, ttl, ...blobIds] = reply;
  if (blobIds.length === 0) return;
  await link.run(() =>
    Promise.all([
      ...blobIds.map((blobId) => client.set(keys.blobPointer(blobId), id, 'PX', Number(ttl), 'NX')),
      client.zadd(
        keys.index('files'),
        'NX',
        ...blobIds.flatMap((blobId) => [Number(expiresAt), fileMember(id, blobId)]),
      ),
    ]),
  );
}
