import { describe, expect, it } from 'vitest';
import { type LifecycleEvent, LifecycleEvents } from '../../src/service/events.js';
import { download, sendFiles } from './file-support.js';
import { claimBody, logCapture, sendSecret, testApp } from './support.js';

/** Every event the app emitted, in order, with every field (for the "no secret material" check). */
function recorder() {
  const seen: LifecycleEvent[] = [];
  const events = new LifecycleEvents();
  const types: LifecycleEvent['type'][] = [
    'secret.created',
    'secret.viewed',
    'secret.burned',
    'secret.expired',
    'secret.locked',
    'secret.claim_failed',
    'file.downloaded',
    'upload.cancelled',
    'file.bytes',
  ];
  for (const type of types) events.on(type, (event) => void seen.push(event));
  return { events, seen };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('lifecycle events', () => {
  it('follow each committed step with the secret id, the time and what the step knows — never a secret', async () => {
    const { events, seen } = recorder();
    const { app, clock } = await testApp({ events });
    const text = await sendSecret(app, { passphrase: 'right horse', max_views: 1 });
    const wrong = await claimBody(text.linkKey, text.kdf, 'wrong horse');
    await app.inject({ method: 'POST', url: `/api/v1/secrets/${text.id}/claim`, payload: wrong.body });
    const right = await claimBody(text.linkKey, text.kdf, 'right horse');
    await app.inject({ method: 'POST', url: `/api/v1/secrets/${text.id}/claim`, payload: right.body });
    const files = await sendFiles(app, [3000]);
    const { body } = await claimBody(files.linkKey, null);
    const claim = (
      await app.inject({ method: 'POST', url: `/api/v1/secrets/${files.id}/claim`, payload: body })
    ).json();
    await download(app, claim.files[0].url, claim.grant);
    const burnt = await sendSecret(app);
    await app.inject({ method: 'POST', url: `/api/v1/receipts/${burnt.receipt}/burn` });
    const expiring = await sendSecret(app, { ttl: 300 });
    clock.advance(301_000);
    await app.burnlinkService.sweep();
    await settle();

    const of = (id: string) => seen.filter((e) => 'secretId' in e && e.secretId === id).map((e) => e.type);
    expect(of(text.id)).toEqual(['secret.created', 'secret.claim_failed', 'secret.viewed']);
    expect(seen.find((e) => e.type === 'secret.claim_failed')).toMatchObject({ attemptsLeft: 4 });
    expect(seen.find((e) => e.type === 'secret.viewed' && e.secretId === text.id)).toMatchObject({
      viewsLeft: 0,
    });
    expect(of(files.id)).toEqual([
      'secret.created',
      'file.bytes',
      'file.bytes',
      'secret.viewed',
      'file.bytes',
      'file.downloaded',
    ]);
    expect(seen.find((e) => e.type === 'file.downloaded')).toMatchObject({ file: 0 });
    expect(of(burnt.id)).toEqual(['secret.created', 'secret.burned']);
    expect(of(expiring.id)).toEqual(['secret.created', 'secret.expired']);
    for (const event of seen) expect(typeof event.at).toBe('number');

    // No token, receipt, key, verifier or content in any event: only ids, times, counts and indexes.
    const dump = JSON.stringify(seen);
    for (const sent of [text, burnt, expiring]) expect(dump).not.toContain(sent.receipt);
    expect(dump).not.toContain(files.receipt);
    expect(dump).not.toContain(claim.grant);
    expect(dump).not.toContain(right.body.token);
    await app.close();
  });

  it('a throwing or never-settling subscriber changes and delays nothing, and is logged by type only', async () => {
    const log = logCapture();
    const { app } = await testApp({ logStream: log.stream });
    // The app's own bus: the one the metrics and later subscribers (audit, webhooks) use.
    const bus = app.burnlinkEvents;
    bus.on('secret.created', () => {
      throw new Error('subscriber broke with a marker-1f2e');
    });
    bus.on('secret.created', () => new Promise(() => {}));
    const sent = await sendSecret(app);
    await settle();
    const peek = await app.inject({ method: 'GET', url: `/api/v1/secrets/${sent.id}` });
    expect(peek.statusCode).toBe(200);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/burnlink_secrets_created_total 1/);
    expect(log.text()).toContain('an event subscriber failed');
    expect(log.text()).toContain('secret.created');
    expect(log.text()).not.toContain('marker-1f2e');
    await app.close();
  });
});
