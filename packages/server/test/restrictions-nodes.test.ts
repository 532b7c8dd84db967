import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/stores/postgres-store.js';
import { openRedisStore } from '../src/stores/redis-store.js';
import type { SecretAndRequestStore } from '../src/stores/request-store.js';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  postgresAvailable,
  redisAvailable,
} from '../src/stores/test-backends.js';
import { COUNTRIES, codeOf, countryDatabase, sendRestricted } from './api/restrictions-support.js';
import { testApp, testClock } from './api/support.js';
import { type SmtpReceiver, startSmtpReceiver } from './support/smtp-receiver.js';

const REDIS_URL = process.env.BURNLINK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.BURNLINK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  /** Opens one more node's store on the shared backend. */
  open(): Promise<SecretAndRequestStore>;
  cleanup(): Promise<void>;
}

function redisBackend(): Backend {
  const prefix = `bltest-restrict-${randomBytes(6).toString('hex')}:`;
  const url = `${REDIS_URL}?prefix=${prefix}`;
  return { open: () => openRedisStore(url), cleanup: () => deleteRedisKeys(url, prefix) };
}

function postgresBackend(): Backend {
  const schema = `bltest_restrict_${randomBytes(6).toString('hex')}`;
  return {
    open: () => openPostgresStore(`${POSTGRES_URL}?schema=${schema}`),
    cleanup: () => dropPostgresSchema(POSTGRES_URL, schema),
  };
}

/**
 * Restrictions across two server nodes on one shared store (the scale-out setup): a code mailed by one node
 * opens the secret on the other, wrong tries count across both, and every check refuses the same on each.
 */
function describeNodes(name: string, available: boolean, backend: () => Backend) {
  describe.runIf(available)(`restrictions on two nodes sharing ${name}`, () => {
    let shared: Backend;
    let smtp: SmtpReceiver;
    let db: Awaited<ReturnType<typeof countryDatabase>>;
    const stores: SecretAndRequestStore[] = [];
    // 2026-11-23 is a Monday: 10:00 UTC is inside Amsterdam office hours.
    const clock = testClock(Date.UTC(2026, 10, 23, 10, 0));

    beforeAll(async () => {
      shared = backend();
      smtp = await startSmtpReceiver();
      db = await countryDatabase(COUNTRIES);
    });
    afterAll(async () => {
      await Promise.allSettled(stores.map((store) => store.close()));
      await shared.cleanup();
      await smtp.close();
      await db.cleanup();
    });

    async function twoNodes() {
      const env = { BURNLINK_SMTP_URL: smtp.url, BURNLINK_GEOIP_DB: db.path };
      const nodes = [];
      for (let i = 0; i < 2; i++) {
        const store = await shared.open();
        stores.push(store);
        nodes.push((await testApp({ env, store, clock })).app);
      }
      return nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    }

    it('a code mailed by one node opens the secret on the other; wrong tries count across both', async () => {
      const [a, b] = await twoNodes();
      const secret = await sendRestricted(a, { recipients: ['ada@example.com'] });
      const askOn = async (node: typeof a) =>
        node.inject({
          method: 'POST',
          url: `/api/v1/secrets/${secret.id}/verification`,
          payload: { recipient: 0, ...(await secret.linkProof()) },
        });
      const asked = await askOn(a);
      expect(asked.statusCode, asked.body).toBe(200);
      const code = codeOf((await smtp.waitFor(smtp.received.length)).at(-1)?.text ?? '');
      const wrong = code === '999999' ? '999998' : '999999';
      const claimOn = async (node: typeof a, verification_code: string) =>
        node.inject({
          method: 'POST',
          url: `/api/v1/secrets/${secret.id}/claim`,
          payload: { ...(await secret.claimPayload()), verification_code },
        });
      const left = [];
      for (const node of [a, b, a, b, a]) left.push((await claimOn(node, wrong)).json().error.attempts_left);
      expect(left).toEqual([4, 3, 2, 1, 0]);
      expect((await claimOn(b, code)).json().error.code).toBe('verification_code_invalid');

      expect((await askOn(b)).statusCode).toBe(200);
      const fresh = codeOf((await smtp.waitFor(smtp.received.length)).at(-1)?.text ?? '');
      const opened = await claimOn(a, fresh);
      expect(opened.statusCode).toBe(200);
      expect(await secret.open(opened.json().content)).toBe('the launch codes');
      expect((await claimOn(b, fresh)).statusCode).toBe(404);
    });

    it('network, country and office-hour rules refuse alike on both nodes and use no view', async () => {
      const [a, b] = await twoNodes();
      const secret = await sendRestricted(
        a,
        {
          networks: ['192.0.2.0/24', '2001:db8::/32'],
          countries: { allow: ['NL', 'SE'] },
          office_hours: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            start: '08:00',
            end: '18:00',
            time_zone: 'Europe/Amsterdam',
          },
        },
        { max_views: 2 },
      );
      const claimOn = async (node: typeof a, remoteAddress: string) =>
        node.inject({
          method: 'POST',
          url: `/api/v1/secrets/${secret.id}/claim`,
          remoteAddress,
          payload: await secret.claimPayload(),
        });
      expect((await claimOn(b, '198.51.100.1')).json().error.code).toBe('network_not_allowed');
      expect((await claimOn(a, '2001:db8:2::1')).json().error.code).toBe('country_not_allowed');
      expect((await claimOn(b, '192.0.2.10')).statusCode).toBe(200);
      expect((await b.inject({ url: `/api/v1/secrets/${secret.id}` })).json()).toMatchObject({
        views_left: 1,
        requires: { network: true, country: true, office_hours: true },
      });
      clock.advance(9 * 3_600_000); // 19:00 UTC, 20:00 in Amsterdam: closed until tomorrow 08:00.
      const closed = await claimOn(a, '2001:db8:1::9');
      expect(closed.json().error).toMatchObject({
        code: 'outside_office_hours',
        opens_at: '2026-11-24T07:00:00.000Z',
      });
      clock.advance(12 * 3_600_000);
      expect((await claimOn(a, '2001:db8:1::9')).statusCode).toBe(200);
    });
  });
}

describeNodes('Redis', await redisAvailable(REDIS_URL), redisBackend);
describeNodes('PostgreSQL', await postgresAvailable(POSTGRES_URL), postgresBackend);
