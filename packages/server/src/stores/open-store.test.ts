import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture } from './contract-fixtures.js';
import { MemoryStore } from './memory-store.js';
import { openStore, sqlitePath } from './open-store.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('openStore', () => {
  it('opens a memory store', async () => {
    const store = await openStore('memory:', { dataDir: '/nonexistent' });
    expect(store).toBeInstanceOf(MemoryStore);
    await store.close();
  });

  it('opens the default SQLite file in the data directory, creating the directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-open-'));
    dirs.push(dir);
    const dataDir = join(dir, 'data');
    const store = await openStore('sqlite:', { dataDir });
    expect(store).toBeInstanceOf(SqliteStore);
    await store.ping();
    await store.close();
    expect((await stat(join(dataDir, 'burnlink.db'))).isFile()).toBe(true);
  });

  it('opens SQLite committing on the event loop when asked (BURNLINK_SQLITE_WRITER=inline), durably', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burnlink-open-'));
    dirs.push(dir);
    const now = Date.now();
    const { secret } = makeFixture({ now });
    const store = await openStore('sqlite:', { dataDir: dir, sqliteWriterThread: false });
    await store.create(secret);
    await store.close();
    const reopened = await openStore('sqlite:', { dataDir: dir });
    expect(await reopened.peek(secret.id, now)).toMatchObject({ viewsLeft: 1 });
    await reopened.close();
  });

  it('resolves SQLite paths: absolute as is, relative against the data directory', () => {
    expect(sqlitePath('sqlite:', '/srv/data')).toBe('/srv/data/burnlink.db');
    expect(sqlitePath('sqlite:/var/lib/b.db', '/srv/data')).toBe('/var/lib/b.db');
    expect(sqlitePath('sqlite:///var/lib/b.db', '/srv/data')).toBe('/var/lib/b.db');
    expect(sqlitePath('sqlite:./x.db', '/srv/data')).toBe('/srv/data/x.db');
    expect(sqlitePath('sqlite:db/x.db', '/srv/data')).toBe('/srv/data/db/x.db');
  });

  it('rejects an unknown scheme without echoing the URL', async () => {
    const password = randomBytes(8).toString('hex');
    const attempt = openStore(`mysql://root:${password}@db/burnlink`, { dataDir: '/tmp' });
    await expect(attempt).rejects.toThrow(/store scheme "mysql:" is not supported; use memory:, sqlite:PATH/);
    await expect(attempt).rejects.not.toThrow(password);
    await expect(openStore('burnlink.db', { dataDir: '/tmp' })).rejects.toThrow(/not supported/);
    await expect(openStore('toString:', { dataDir: '/tmp' })).rejects.toThrow(/not supported/);
  });
});
