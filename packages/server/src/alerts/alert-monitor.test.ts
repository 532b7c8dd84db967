import { describe, expect, test } from 'vitest';
import { type AlertThresholds, DEFAULT_ALERTS, parseAlerts } from '../config-audit.js';
import { type AlertEvent, type Caller, type LifecycleEvent, LifecycleEvents } from '../service/events.js';
import { AlertMonitor } from './alert-monitor.js';

const T0 = Date.UTC(2026, 11, 4, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A monitor on a fresh bus with a clock the test moves; `alerts` collects every `alert.*` it raises. */
function setup(
  thresholds: AlertThresholds = DEFAULT_ALERTS,
  maxKeys?: number,
  ownerOf?: (secretId: string) => Promise<string | null>,
) {
  const events = new LifecycleEvents((error) => {
    throw error;
  });
  let t = T0;
  const monitor = new AlertMonitor({
    events,
    thresholds,
    now: () => t,
    ...(maxKeys === undefined ? {} : { maxKeys }),
    ...(ownerOf === undefined ? {} : { ownerOf }),
  }).start();
  const alerts: AlertEvent[] = [];
  for (const kind of Object.keys(DEFAULT_ALERTS)) {
    events.on(`alert.${kind as keyof AlertThresholds}`, (event) => void alerts.push(event));
  }
  /** Emits `event` and lets every handler (the monitor's, then the alert's) run. */
  const emit = async (event: LifecycleEvent) => {
    events.emit(event);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { events, monitor, alerts, emit, advance: (ms: number) => (t += ms), now: () => t };
}

const anonymousFrom = (ip: string | null): Caller => ({
  actor: { type: 'anonymous', id: null },
  orgId: null,
  ip,
});
const claimFailed = (secretId: string, caller?: Caller): LifecycleEvent => ({
  type: 'secret.claim_failed',
  secretId,
  at: 0,
  attemptsLeft: 1,
  ...(caller ? { caller } : {}),
});

describe('failed_claims_per_secret', () => {
  test('the third failed claim of one secret within the hour raises one alert, then quiet for the window', async () => {
    const { alerts, emit, advance, now } = setup();
    await emit(claimFailed('s1'));
    advance(20 * MINUTE);
    await emit(claimFailed('s1'));
    await emit(claimFailed('other'));
    expect(alerts).toEqual([]);
    advance(20 * MINUTE);
    await emit(claimFailed('s1'));
    expect(alerts).toEqual([
      {
        type: 'alert.failed_claims_per_secret',
        at: now(),
        orgId: null,
        key: { type: 'secret', id: 's1' },
        count: 3,
        windowMs: HOUR,
      },
    ]);
    // Quiet for that key until the window has passed, however many more fail.
    for (let i = 0; i < 5; i++) {
      advance(10 * MINUTE);
      await emit(claimFailed('s1'));
    }
    expect(alerts).toHaveLength(1);
    // The window has passed: still three within the last hour, so one more alert.
    advance(10 * MINUTE + 1);
    await emit(claimFailed('s1'));
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ key: { type: 'secret', id: 's1' }, count: 3, at: now() });
  });

  test('the window slides: three failures spread over more than an hour raise nothing', async () => {
    const { alerts, emit, advance } = setup();
    for (let i = 0; i < 6; i++) {
      await emit(claimFailed('s1'));
      advance(31 * MINUTE);
    }
    expect(alerts).toEqual([]);
  });

  test("the alert names the secret's organisation (else the caller's, when no owner can be looked up)", async () => {
    const thresholds = { ...DEFAULT_ALERTS, failed_claims_per_secret: { count: 1, windowMs: HOUR } };
    const owners: Record<string, string> = { owned: 'org-owner' };
    const asked: string[] = [];
    const ownerOf = async (id: string) => {
      asked.push(id);
      if (id === 'broken') throw new Error('store down');
      return owners[id] ?? null;
    };
    const { alerts, emit } = setup(thresholds, undefined, ownerOf);
    const caller: Caller = { actor: { type: 'api_key', id: 'k1' }, orgId: 'org-caller', ip: null };
    await emit(claimFailed('owned', caller));
    await emit(claimFailed('anonymous', caller));
    await emit(claimFailed('broken', caller));
    expect(alerts.map((a) => [a.key.id, a.orgId])).toEqual([
      ['owned', 'org-owner'],
      ['anonymous', null],
      ['broken', 'org-caller'],
    ]);
    // Quiet: a failed claim that raises no alert asks nothing.
    await emit(claimFailed('owned', caller));
    expect(asked).toEqual(['owned', 'anonymous', 'broken']);

    const plain = setup(thresholds);
    await plain.emit(claimFailed('s1', caller));
    expect(plain.alerts).toEqual([expect.objectContaining({ orgId: 'org-caller' })]);
  });
});

describe('failed_claims_per_address', () => {
  test('ten failed claims from one address within ten minutes, across secrets, raise one alert', async () => {
    const { alerts, emit, advance } = setup({ ...DEFAULT_ALERTS, failed_claims_per_secret: null });
    for (let i = 0; i < 9; i++) {
      await emit(claimFailed(`s${i}`, anonymousFrom('203.0.113.9')));
      await emit(claimFailed(`t${i}`, anonymousFrom('203.0.113.10')));
      advance(MINUTE);
    }
    // Events without an address are not counted per address.
    await emit(claimFailed('x'));
    expect(alerts).toEqual([]);
    await emit(claimFailed('s9', anonymousFrom('203.0.113.9')));
    expect(alerts).toEqual([
      expect.objectContaining({
        type: 'alert.failed_claims_per_address',
        key: { type: 'address', id: '203.0.113.9' },
        count: 10,
        windowMs: 10 * MINUTE,
      }),
    ]);
  });

  test('IPv6 addresses of one /64 count as one, as the rate limits count them', async () => {
    const thresholds = parseAlerts('failed_claims_per_secret=off,failed_claims_per_address=2/1m');
    const { alerts, emit } = setup(thresholds as AlertThresholds);
    await emit(claimFailed('a', anonymousFrom('2001:db8:1:2::10')));
    await emit(claimFailed('b', anonymousFrom('2001:db8:1:3::10')));
    expect(alerts).toEqual([]);
    await emit(claimFailed('c', anonymousFrom('2001:db8:1:2:ffff::1')));
    expect(alerts).toEqual([expect.objectContaining({ key: { type: 'address', id: '2001:db8:1:2::' } })]);
  });
});

describe('lockouts', () => {
  test('lockouts count per organisation of the secrets: the first in the hour raises an alert for it', async () => {
    const ownerOf = async (id: string) => (id.startsWith('acme-') ? 'org-acme' : null);
    const { alerts, emit, advance, now } = setup(DEFAULT_ALERTS, undefined, ownerOf);
    const locked = (secretId: string): LifecycleEvent => ({
      type: 'secret.locked',
      secretId,
      at: 0,
      caller: anonymousFrom('198.51.100.1'),
    });
    await emit(locked('acme-1'));
    await emit(locked('acme-2'));
    await emit(locked('anon-1'));
    expect(alerts).toEqual([
      {
        type: 'alert.lockouts',
        at: now(),
        orgId: 'org-acme',
        key: { type: 'org', id: 'org-acme' },
        count: 1,
        windowMs: HOUR,
      },
      // Anonymous secrets belong to the public organisation.
      expect.objectContaining({ type: 'alert.lockouts', orgId: null, key: { type: 'org', id: 'public' } }),
    ]);
    advance(HOUR);
    await emit(locked('acme-3'));
    expect(alerts).toHaveLength(3);
    expect(alerts[2]).toMatchObject({ orgId: 'org-acme', at: now() });
  });

  test('a count above one: that many lockouts of one organisation within the window', async () => {
    const { alerts, emit, advance } = setup(parseAlerts('lockouts=3/1d') as AlertThresholds);
    for (let i = 0; i < 2; i++) {
      await emit({ type: 'secret.locked', secretId: `s${i}`, at: 0 });
      advance(HOUR);
    }
    expect(alerts).toEqual([]);
    await emit({ type: 'secret.locked', secretId: 's2', at: 0 });
    expect(alerts).toEqual([
      expect.objectContaining({ type: 'alert.lockouts', count: 3, windowMs: 86_400_000 }),
    ]);
  });
});

describe('rate_limit_trips and upload_quota_refusals', () => {
  test('twenty trips of one address within ten minutes raise one alert, with the caller’s organisation', async () => {
    const { alerts, emit } = setup();
    const caller: Caller = { actor: { type: 'api_key', id: 'k1' }, orgId: 'org-1', ip: '192.0.2.5' };
    for (let i = 0; i < 25; i++) {
      await emit({ type: 'rate_limit.tripped', at: 0, bucket: 'create', ip: '192.0.2.5', caller });
    }
    expect(alerts).toEqual([
      {
        type: 'alert.rate_limit_trips',
        at: T0,
        orgId: 'org-1',
        key: { type: 'address', id: '192.0.2.5' },
        count: 20,
        windowMs: 10 * MINUTE,
      },
    ]);
  });

  test('three refusals of the upload budget within the hour raise one alert', async () => {
    const { alerts, emit } = setup();
    for (let i = 0; i < 4; i++) {
      await emit({ type: 'upload.quota_refused', at: 0, ip: '192.0.2.6', secretId: null });
    }
    expect(alerts).toEqual([
      expect.objectContaining({
        type: 'alert.upload_quota_refusals',
        orgId: null,
        key: { type: 'address', id: '192.0.2.6' },
        count: 3,
      }),
    ]);
  });
});

describe('webhook_disabled', () => {
  test('an endpoint disabled raises an alert for its organisation', async () => {
    const { alerts, emit } = setup();
    await emit({
      type: 'webhook.disabled',
      at: 0,
      orgId: 'org-2',
      webhookId: 'wh1',
      reason: 'failing for 24 h',
    });
    expect(alerts).toEqual([
      {
        type: 'alert.webhook_disabled',
        at: T0,
        orgId: 'org-2',
        key: { type: 'webhook', id: 'wh1' },
        count: 1,
        windowMs: MINUTE,
      },
    ]);
  });
});

describe('memory', () => {
  test('at most maxKeys keys are tracked; the least recently counted is forgotten first', async () => {
    const thresholds = { ...DEFAULT_ALERTS, failed_claims_per_secret: { count: 2, windowMs: HOUR } };
    const { monitor, alerts, emit } = setup(thresholds, 2);
    await emit(claimFailed('a'));
    await emit(claimFailed('b'));
    await emit(claimFailed('a')); // `a` counted again: now `b` is the least recent
    expect(alerts).toHaveLength(1);
    alerts.length = 0;
    await emit(claimFailed('c')); // forgets `b`
    await emit(claimFailed('b')); // counts from one again (and forgets `a`)
    expect(alerts).toEqual([]);
    await emit(claimFailed('b'));
    expect(alerts).toEqual([expect.objectContaining({ key: { type: 'secret', id: 'b' }, count: 2 })]);
    expect(monitor.trackedKeys).toBe(2);
  });

  test('a flood of addresses keeps the tracked keys bounded', async () => {
    const { monitor, emit } = setup(DEFAULT_ALERTS, 100);
    for (let i = 0; i < 1000; i++) {
      await emit({ type: 'rate_limit.tripped', at: 0, bucket: 'claim', ip: `10.0.${i >> 8}.${i & 255}` });
    }
    expect(monitor.trackedKeys).toBe(100);
  });
});

describe('off switches', () => {
  test('a kind set to off raises nothing; the others still do', async () => {
    const { alerts, emit } = setup(
      parseAlerts('failed_claims_per_secret=off,lockouts=off') as AlertThresholds,
    );
    for (let i = 0; i < 5; i++) await emit(claimFailed('s1'));
    await emit({ type: 'secret.locked', secretId: 's1', at: 0 });
    expect(alerts).toEqual([]);
    await emit({ type: 'webhook.disabled', at: 0, orgId: 'o', webhookId: 'w', reason: 'r' });
    expect(alerts).toHaveLength(1);
  });

  test('every kind off: nothing is even counted', async () => {
    const off = Object.fromEntries(Object.keys(DEFAULT_ALERTS).map((kind) => [kind, null]));
    const { monitor, alerts, emit } = setup(off as unknown as AlertThresholds);
    await emit(claimFailed('s1', anonymousFrom('192.0.2.1')));
    await emit({ type: 'secret.locked', secretId: 's1', at: 0 });
    await emit({ type: 'rate_limit.tripped', at: 0, bucket: 'claim', ip: '192.0.2.1' });
    expect(alerts).toEqual([]);
    expect(monitor.trackedKeys).toBe(0);
  });

  test('stopped, the monitor counts nothing more', async () => {
    const { monitor, alerts, emit } = setup();
    monitor.stop();
    await emit({ type: 'webhook.disabled', at: 0, orgId: 'o', webhookId: 'w', reason: 'r' });
    expect(alerts).toEqual([]);
  });
});
