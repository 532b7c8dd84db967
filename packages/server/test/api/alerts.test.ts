import { describe, expect, test } from 'vitest';
import type { AlertEvent, EventOf } from '../../src/service/events.js';
import { claimBody, sendSecret, testApp } from './support.js';

// Issue 13, alerts (docs/alerts.md): thresholds of BURNLINK_ALERTS raise alert.* events on the app's bus, which
// the audit trail records (and webhooks and syslog follow).

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function wrongPassphrases(env: Record<string, string>, tries: number) {
  const { app, clock } = await testApp({ env });
  const alerts: AlertEvent[] = [];
  const locked: EventOf<'secret.locked'>[] = [];
  app.burnlinkEvents.on('secret.locked', (event) => void locked.push(event));
  app.burnlinkEvents.on('alert.failed_claims_per_secret', (event) => void alerts.push(event));
  app.burnlinkEvents.on('alert.lockouts', (event) => void alerts.push(event));
  const secret = await sendSecret(app, { passphrase: 'right horse' });
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
  return { alerts, statuses, secret, locked, now: clock.now };
}

describe('alerts', () => {
  test('wrong passphrases on one secret raise alert.failed_claims_per_secret once, at the threshold', async () => {
    const { alerts, statuses, secret, now } = await wrongPassphrases({}, 4);
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
    const { alerts, statuses, secret, locked } = await wrongPassphrases(
      { BURNLINK_ALERTS: 'failed_claims_per_secret=4/1h' },
      5,
    );
    // BURNLINK_MAX_ATTEMPTS (5): four wrong passphrases, and the fifth locks the secret.
    expect(statuses).toEqual([...Array(4).fill('403 wrong_passphrase'), '403 secret_locked']);
    // Lockouts count by the client address the event carries, else by the secret.
    const ip = locked[0]?.caller?.ip;
    const lockoutKey = ip ? { type: 'address', id: ip } : { type: 'secret', id: secret.id };
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'alert.failed_claims_per_secret', count: 4 }),
      expect.objectContaining({ type: 'alert.lockouts', count: 1, key: lockoutKey }),
    ]);
  });

  test('BURNLINK_ALERTS=off raises none', async () => {
    const { alerts, statuses } = await wrongPassphrases({ BURNLINK_ALERTS: 'off' }, 6);
    expect(statuses).toContain('403 secret_locked');
    expect(alerts).toEqual([]);
  });
});
