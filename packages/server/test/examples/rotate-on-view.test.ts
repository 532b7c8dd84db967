import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The example is plain JavaScript with no types of its own: the test reads SCRAM verifiers with its helper.
// @ts-expect-error -- no declaration file for the example's module
import { verifierMatches } from '../../../../examples/rotate-on-view/lib/postgres-password.js';
// @ts-expect-error -- no declaration file for the example's module
import { createRotationService } from '../../../../examples/rotate-on-view/lib/service.js';
// @ts-expect-error -- no declaration file for the example's module
import { Tracked } from '../../../../examples/rotate-on-view/lib/tracked.js';
import { postgresAvailable } from '../../src/stores/test-backends.js';
import { linkParts, teamsApp } from '../api/teams-support.js';

const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EXAMPLE = fileURLToPath(
  new URL('../../../../examples/rotate-on-view/rotate-on-view.js', import.meta.url),
);
const matches = verifierMatches as (verifier: string | null, password: string) => boolean;

/** Polls `read` until `done` holds for its value; fails with what it last saw after `timeoutMs`. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the example to its end; answers its exit code and output. */
async function runExample(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [EXAMPLE, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

describe.runIf(await postgresAvailable(POSTGRES_URL))('examples/rotate-on-view, end to end', () => {
  const role = `bl_rotate_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;
  let burnlink: Awaited<ReturnType<typeof teamsApp>>;
  let burnlinkUrl: string;
  let service: ChildProcess;
  let serviceLog = '';
  let serviceUrl: string;
  let stateDir: string;
  let webhookSecret: string;
  let apiKey: string;

  const rolpassword = async (): Promise<string | null> =>
    (await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0]
      ?.rolpassword ?? null;
  const env = () => ({ DATABASE_URL: POSTGRES_URL, STATE_DIR: stateDir });
  /** The service's log reaches the test a moment after the step it tells of. */
  const logged = (line: string) =>
    until(
      async () => serviceLog,
      (log) => log.includes(line),
    );

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD 'the-first-one'`);
    stateDir = await mkdtemp(join(tmpdir(), 'burnlink-rotate-'));

    // burnlink over a real socket, on the real clock (the receiver checks the signature's timestamp).
    burnlink = await teamsApp({
      clock: { now: Date.now, advance: () => {} },
      env: { BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on' },
    });
    await burnlink.app.listen({ port: 0, host: '127.0.0.1' });
    burnlinkUrl = `http://127.0.0.1:${(burnlink.app.server.address() as AddressInfo).port}`;
    apiKey = (await burnlink.keyFor(burnlink.people.admin, ['secrets:create', 'secrets:burn'])).key;

    // The endpoint's secret exists only once the endpoint does, and the endpoint needs the service's port:
    // the service starts with a placeholder secret, learns its port, then restarts with the real one.
    const start = async (secret: string, port: number) => {
      const child = spawn(process.execPath, [EXAMPLE, 'serve'], {
        env: { ...process.env, ...env(), BURNLINK_WEBHOOK_SECRET: secret, PORT: String(port) },
      });
      child.stderr?.on('data', (chunk) => (serviceLog += chunk));
      const url = await until(
        async () => /listening on (http:\/\/\S+)/.exec(serviceLog)?.[1] ?? null,
        (found) => found !== null,
      );
      return { child, url: url as string };
    };
    const first = await start(`whsec_${randomBytes(24).toString('base64')}`, 0);
    const port = Number(new URL(first.url).port);
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');
    serviceLog = '';
    const created = await burnlink.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: burnlink.people.owner.headers,
      payload: {
        url: `http://127.0.0.1:${port}/webhook`,
        events: ['secret.viewed', 'secret.burned', 'secret.expired'],
        description: 'rotate-on-view',
      },
    });
    expect(created.statusCode).toBe(201);
    webhookSecret = (created.json() as { secret: string }).secret;
    const second = await start(webhookSecret, port);
    service = second.child;
    serviceUrl = second.url;
  });

  afterAll(async () => {
    if (service && service.exitCode === null) {
      service.kill('SIGTERM');
      await once(service, 'exit');
    }
    await burnlink?.app.close();
    await admin?.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => {});
    await admin?.end();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('hands a password over, refuses forged webhooks, and rotates it once the secret is viewed', async () => {
    const before = await rolpassword();
    const handed = await runExample(['hand-over', role, '--ttl', '3600'], {
      ...env(),
      BURNLINK_URL: burnlinkUrl,
      BURNLINK_API_KEY: apiKey,
    });
    expect(handed.code, handed.stderr).toBe(0);
    const { id, key } = linkParts(handed.stdout.trim());
    const handedOver = await rolpassword();
    expect(handedOver).not.toBe(before);
    expect(await readdir(stateDir)).toEqual([`${id}.json`]);

    // Forged: signed with another secret, or with the right one but ten minutes old. Both 401, nothing rotates.
    const body = JSON.stringify({
      type: 'secret.viewed',
      timestamp: new Date().toISOString(),
      data: { type: 'secret.viewed', subject: { type: 'secret', id }, details: { views_left: 0 } },
    });
    const post = (signer: Webhook, at: Date) =>
      fetch(serviceUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_forged',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign('msg_forged', at, body),
        },
        body,
      });
    const stranger = new Webhook(`whsec_${randomBytes(24).toString('base64')}`);
    expect((await post(stranger, new Date())).status).toBe(401);
    const stale = new Date(Date.now() - 10 * 60_000);
    expect((await post(new Webhook(webhookSecret), stale)).status).toBe(401);
    const unsigned = await fetch(serviceUrl, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect(await rolpassword()).toBe(handedOver);
    expect(await readdir(stateDir)).toEqual([`${id}.json`]);

    // The recipient views it: the password in the secret is the role's, until the service rotates it.
    const claim = await burnlink.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/claim`,
      payload: { key },
    });
    expect(claim.statusCode).toBe(200);
    const { text: password, context } = claim.json() as { text: string; context: { username: string } };
    expect(context.username).toBe(role);
    expect(matches(handedOver, password)).toBe(true);

    const rotated = await until(rolpassword, (value) => value !== handedOver);
    expect(matches(rotated, password)).toBe(false);
    await until(
      () => readdir(stateDir),
      (names) => names.length === 0,
    );
    await logged(`rotated the password of role "${role}" after secret.viewed of secret ${id}`);
    expect(serviceLog).not.toContain(password);
  });

  it('rotates when the secret is burned before anyone views it', async () => {
    const handed = await runExample(['hand-over', role], {
      ...env(),
      BURNLINK_URL: burnlinkUrl,
      BURNLINK_API_KEY: apiKey,
    });
    expect(handed.code, handed.stderr).toBe(0);
    const { id } = linkParts(handed.stdout.trim());
    const handedOver = await rolpassword();
    const burned = await burnlink.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${id}/burn`,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(burned.statusCode).toBe(204);
    await until(rolpassword, (value) => value !== handedOver);
    await logged(`rotated the password of role "${role}" after secret.burned of secret ${id}`);
  });
});

describe.runIf(await postgresAvailable(POSTGRES_URL))('examples/rotate-on-view, the grace period', () => {
  it('rotates only once ROTATE_GRACE_SECONDS have passed, also after a restart of the service', async () => {
    const role = `bl_grace_${randomBytes(5).toString('hex')}`;
    const secretId = randomBytes(16).toString('base64url');
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const stateDir = await mkdtemp(join(tmpdir(), 'burnlink-grace-'));
    const db = new pg.Pool({ connectionString: POSTGRES_URL, max: 2 });
    const lines: string[] = [];
    let clock = Date.now();
    type Server = import('node:http').Server;
    const start = async (): Promise<Server> => {
      const server: Server = createRotationService({
        webhookSecret,
        db,
        tracked: new Tracked(stateDir),
        graceSeconds: 600,
        log: (line: string) => lines.push(line),
        now: () => clock,
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    };
    const stop = (server: Server) => new Promise((resolve) => server.close(resolve));
    const rolpassword = async () =>
      (await db.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role])).rows[0]?.rolpassword;
    try {
      await db.query(`CREATE ROLE "${role}" LOGIN PASSWORD 'handed-over'`);
      const tracked = new Tracked(stateDir);
      await tracked.put({ secret_id: secretId, role, handed_over_at: new Date(clock).toISOString() });
      const before = await rolpassword();

      let server = await start();
      const body = JSON.stringify({
        type: 'secret.expired',
        timestamp: new Date().toISOString(),
        data: { type: 'secret.expired', subject: { type: 'secret', id: secretId }, details: {} },
      });
      const at = new Date();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, {
        method: 'POST',
        headers: {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(webhookSecret).sign('msg_1', at, body),
        },
        body,
      });
      expect(res.status).toBe(200);
      // Scheduled, durably, for ten minutes after the event; the service's clock has not moved.
      expect(await tracked.get(secretId)).toMatchObject({
        event: 'secret.expired',
        rotate_at: clock + 600_000,
      });
      await until(
        async () => lines.join('\n'),
        (log) => log.includes(`rotating role "${role}" in 600 s`),
      );
      expect(await rolpassword()).toBe(before);

      // Stopped before it is due, started again after: the rotation is still done, once.
      await stop(server);
      clock += 600_000;
      server = await start();
      await until(rolpassword, (value) => value !== before);
      expect(await tracked.all()).toEqual([]);
      await stop(server);
      expect(lines.filter((line) => line.startsWith('rotated the password'))).toEqual([
        `rotated the password of role "${role}" after secret.expired of secret ${secretId}`,
      ]);
    } finally {
      await db.query(`DROP ROLE IF EXISTS "${role}"`).catch(() => {});
      await db.end();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
