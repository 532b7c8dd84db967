import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { constantTimeEqual, slackSignature, verifySlackSignature } from './slack-signature.js';

// The example of Slack's "Verifying requests from Slack" guide (its signing secret, timestamp and body).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const NOW = Number(TIMESTAMP) * 1000;

describe('Slack request signatures (v0)', () => {
  test("reproduce the guide's example signature", () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
    const independent = createHmac('sha256', SECRET).update(`v0:${TIMESTAMP}:${BODY}`).digest('hex');
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(`v0=${independent}`);
  });

  test('verify within 5 minutes only, with the right secret and body', () => {
    const signature = slackSignature(SECRET, TIMESTAMP, BODY);
    const request = { timestamp: TIMESTAMP, signature, rawBody: BODY };
    expect(verifySlackSignature(request, SECRET, NOW)).toBe(true);
    expect(verifySlackSignature(request, SECRET, NOW + 300_000)).toBe(true);
    expect(verifySlackSignature(request, SECRET, NOW + 301_000)).toBe(false);
    expect(verifySlackSignature(request, SECRET, NOW - 301_000)).toBe(false);
    expect(verifySlackSignature(request, 'another-secret', NOW)).toBe(false);
    expect(verifySlackSignature({ ...request, rawBody: `${BODY}x` }, SECRET, NOW)).toBe(false);
    expect(verifySlackSignature({ ...request, signature: undefined }, SECRET, NOW)).toBe(false);
    expect(verifySlackSignature({ ...request, timestamp: undefined }, SECRET, NOW)).toBe(false);
    expect(verifySlackSignature({ ...request, timestamp: '1531420618.5' }, SECRET, NOW)).toBe(false);
    expect(verifySlackSignature({ ...request, signature: signature.toUpperCase() }, SECRET, NOW)).toBe(false);
  });

  test('constantTimeEqual compares strings of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
