import { KDF_MIN_ITERATIONS, sealSecret, toBase64Url } from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import { describe, expect, test } from 'vitest';
import type { AlertEvent } from '../../src/service/events.js';
import { recordsOfType } from './audit-support.js';
import { claimBody, randomB64u, sendSecret, testApp } from './support.js';
import { teamsApp } from './teams-support.js';

// Issue 13, alerts (docs/alerts.md): thresholds of BURNLINK_ALERTS raise alert.* events on the app's bus, which
// the audit trail records (and webhooks and syslog follow).

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Listens for the alerts about secrets, then claims `secret` `tries` times with a wrong passphrase. */
async function wrongPassphrases(
  app: FastifyInstance,
  secret: Awaited<ReturnType<typeof sendSecret>>,
  tries: number,
) {
  const alerts: AlertEvent[] = [];
  app.burnlinkEvents.on('alert.failed_claims_per_secret', (event) => void alerts.push(event));
  app.burnlinkEvents.on('alert.lockouts', (event) => void alerts.push(event));
  const wrong = await claimBody(secret.linkKey, secret.kdf, 'wrong horse');
  const statuses: string[] = [];
  for (let i = 0; i < tries; i++) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/claim`,
      payload: wrong.body,
    });
    statuses.push(`${res.statusCode} ${res.json().error.code}`);
    await settle();
  }
  return { alerts, statuses };
}

async function anonymousSecret(env: Record<string, string> = {}) {
  const { app, clock } = await testApp({ env });
  return { app, now: clock.now, secret: await sendSecret(app, { passphrase: 'right horse' }) };
}

describe('alerts', () => {
  test('wrong passphrases on one secret raise alert.failed_claims_per_secret once, at the threshold', async () => {
    const { app, now, secret } = await anonymousSecret();
    const { alerts, statuses } = await wrongPassphrases(app, secret, 4);
    expect(statuses).toEqual(Array(4).fill('403 wrong_passphrase'));
    expect(alerts).toEqual([
      {
        type: 'alert.failed_claims_per_secret',
        at: now(),
        orgId: null,
        key: { type: 'secret', id: secret.id },
        count: 3,
        windowMs: 3_600_000,
      },
    ]);
  });

  test('the lockout that follows raises alert.lockouts; BURNLINK_ALERTS overrides a threshold', async () => {
    const { app, secret } = await anonymousSecret({ BURNLINK_ALERTS: 'failed_claims_per_secret=4/1h' });
    const { alerts, statuses } = await wrongPassphrases(app, secret, 5);
    // BURNLINK_MAX_ATTEMPTS (5): four wrong passphrases, and the fifth locks the secret.
    expect(statuses).toEqual([...Array(4).fill('403 wrong_passphrase'), '403 secret_locked']);
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'alert.failed_claims_per_secret', count: 4, orgId: null }),
      // An anonymous secret's lockout counts for the public organisation.
      expect.objectContaining({ type: 'alert.lockouts', count: 1, key: { type: 'org', id: 'public' } }),
    ]);
  });

  test("an organisation's secret: its alerts name the organisation, whoever claims", async () => {
    const { app, keyFor, orgId } = await teamsApp();
    const key = await keyFor(null, ['secrets:create']);
    const sealed = await sealSecret(
      { v: 1, text: 's3cret' },
      { passphrase: 'right horse', iterations: KDF_MIN_ITERATIONS },
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/secrets',
      headers: key.headers,
      payload: {
        verifier: sealed.verifier,
        kdf: sealed.kdf,
        ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
        content: toBase64Url(sealed.content),
      },
    });
    expect(created.statusCode).toBe(201);
    const secret = {
      id: created.json().id,
      receipt: '',
      expires_at: '',
      linkKey: sealed.linkKey,
      kdf: sealed.kdf,
    };
    const { alerts } = await wrongPassphrases(app, secret, 5);
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'alert.failed_claims_per_secret', orgId }),
      expect.objectContaining({ type: 'alert.lockouts', orgId, key: { type: 'org', id: orgId } }),
    ]);
    // The organisation's trail has each alert once (and so its webhooks and syslog).
    const [record] = await recordsOfType(app, orgId, 'alert.failed_claims_per_secret');
    expect(record).toMatchObject({
      subject: { type: 'secret', id: secret.id },
      actor: { type: 'system', id: null },
      details: { count: 3, window_seconds: 3600 },
    });
    expect(await recordsOfType(app, orgId, 'alert.lockouts')).toHaveLength(1);
  });

  test('rate-limit trips of one address become one alert in the trail, without the address by default', async () => {
    const { app } = await testApp({
      env: { BURNLINK_RATE_LIMITS: 'lookups=1/min', BURNLINK_ALERTS: 'rate_limit_trips=2/1m' },
    });
    for (let i = 0; i < 4; i++) await app.inject({ url: `/api/v1/secrets/${randomB64u(16)}` });
    expect(await recordsOfType(app, 'public', 'rate_limit.tripped')).toHaveLength(3);
    const alerts = await recordsOfType(app, 'public', 'alert.rate_limit_trips');
    expect(alerts).toEqual([
      expect.objectContaining({ subject: null, ip: null, details: { count: 2, window_seconds: 60 } }),
    ]);
  });

  test('BURNLINK_ALERTS=off raises none', async () => {
    const { app, secret } = await anonymousSecret({ BURNLINK_ALERTS: 'off' });
    const { alerts, statuses } = await wrongPassphrases(app, secret, 6);
    expect(statuses).toContain('403 secret_locked');
    expect(alerts).toEqual([]);
  });
});
