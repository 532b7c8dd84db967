import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnServer } from '../support/spawn-server.js';

/** The built entry point (`node packages/server/dist/main.js`), as `npm start` runs it. */
describe('the server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'burnlink-process-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  test('starts on SQLite in the data directory, serves, and exits 0 on SIGTERM', async () => {
    const server = await spawnServer({ env: { BURNLINK_DATA_DIR: dataDir, BURNLINK_LOG_LEVEL: 'info' } });
    try {
      expect(server.output()).toMatch(/^burnlink listening on http:\/\/127\.0\.0\.1:\d+$/m);
      expect(existsSync(path.join(dataDir, 'burnlink.db'))).toBe(true);
      const created = await fetch(`${server.url}/api/v1/secrets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"text":"from a process"}',
      });
      expect(created.status).toBe(201);
      const { id, link } = await created.json();
      const claimed = await fetch(`${server.url}/api/v1/secrets/${id}/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: link.split('#')[1] }),
      });
      expect((await claimed.json()).text).toBe('from a process');
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // Request lines carry the route pattern, never the id.
    expect(server.output()).toContain('"route":"/api/v1/secrets/:id/claim"');
    expect(server.output()).not.toContain('from a process');
  });

  test('a bad variable: exit 2 with a message naming it, no stack trace', async () => {
    const attempt = spawnServer({ env: { BURNLINK_STORE: 'memory:', BURNLINK_TTL_DEFAULT: '99d' } });
    const error = await attempt.then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/exited with code 2/);
    expect(error?.message).toMatch(/BURNLINK_TTL_DEFAULT: "99d" must be from 60 \(1m\) to 2592000 \(30d\)/);
    expect(error?.message).not.toMatch(/\n\s+at /);
  });
});
