import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, test } from 'vitest';
import { newWebhookSecret, signatureHeaders } from './sign.js';

describe('signatureHeaders (Standard Webhooks)', () => {
  test('equals the standardwebhooks package: its sign gives the same signature, its verifier accepts it', () => {
    for (let n = 0; n < 20; n++) {
      const secret = newWebhookSecret();
      const body = JSON.stringify({ type: 'secret.viewed', n, text: 'é ünïcode ✓' });
      const sentAt = 1_764_000_000_000 + n * 1234;
      const headers = signatureHeaders(secret, { id: `msg_${n}`, body }, sentAt);
      const reference = new StandardWebhook(secret).sign(
        `msg_${n}`,
        new Date(Math.floor(sentAt / 1000) * 1000),
        body,
      );
      expect(headers['webhook-signature']).toBe(reference);
      expect(headers['webhook-timestamp']).toBe(String(Math.floor(sentAt / 1000)));
      const verifier = new StandardWebhook(secret);
      // The verifier refuses old timestamps: check it at the moment of signing.
      const realNow = Date.now;
      Date.now = () => sentAt;
      try {
        expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
      } finally {
        Date.now = realNow;
      }
    }
  });

  test('another secret, id, timestamp or body gives another signature', () => {
    const secret = newWebhookSecret();
    const base = signatureHeaders(secret, { id: 'msg_1', body: '{}' }, 1_764_000_000_000)[
      'webhook-signature'
    ];
    expect(
      signatureHeaders(newWebhookSecret(), { id: 'msg_1', body: '{}' }, 1_764_000_000_000)[
        'webhook-signature'
      ],
    ).not.toBe(base);
    expect(
      signatureHeaders(secret, { id: 'msg_2', body: '{}' }, 1_764_000_000_000)['webhook-signature'],
    ).not.toBe(base);
    expect(
      signatureHeaders(secret, { id: 'msg_1', body: '{}' }, 1_764_000_001_000)['webhook-signature'],
    ).not.toBe(base);
    expect(
      signatureHeaders(secret, { id: 'msg_1', body: '{ }' }, 1_764_000_000_000)['webhook-signature'],
    ).not.toBe(base);
  });
});
