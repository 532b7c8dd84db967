import { describe, expect, it } from 'vitest';
import { csrfToken, sendsSession, sessionFor } from './session-cookie.js';

describe('csrfToken', () => {
  it('reads the plain cookie and the __Host- one, preferring the https name', () => {
    expect(csrfToken('burnlink.x=1; burnlink_csrf=abc-_1')).toBe('abc-_1');
    expect(csrfToken('__Host-burnlink_csrf=tls; burnlink_csrf=plain')).toBe('tls');
    expect(csrfToken('a=b;burnlink_csrf=v=w')).toBe('v=w');
  });

  it('answers null without one (an anonymous visitor)', () => {
    expect(csrfToken('')).toBeNull();
    expect(csrfToken('xburnlink_csrf=1; burnlink_csrf=')).toBeNull();
  });
});

describe('sendsSession', () => {
  it('sends the session to the account API, create, list and burn by id', () => {
    for (const [method, path] of [
      ['GET', '/api/v1/me'],
      ['POST', '/api/v1/keys'],
      ['DELETE', '/api/v1/keys/k1'],
      ['PATCH', '/api/v1/members/u1'],
      ['PUT', '/api/v1/teams/t/members/u'],
      ['POST', '/api/v1/auth/sign-out'],
      ['POST', '/api/v1/auth/passkey/sign-in'],
      ['GET', '/api/v1/passkeys'],
      ['DELETE', '/api/v1/sessions/s1'],
      ['POST', '/api/v1/invites'],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks/w1/test'],
      ['GET', '/api/v1/webhooks/w1/deliveries'],
      ['GET', '/api/v1/org/policy'],
      ['PUT', '/api/v1/org/policy'],
      ['GET', '/api/v1/domains'],
      ['POST', '/api/v1/domains/d1/verify'],
      ['PUT', '/api/v1/org/branding/logo'],
      ['POST', '/api/v1/secrets'],
      ['GET', '/api/v1/secrets'],
      ['POST', '/api/v1/secrets/AAAA/burn'],
      ['POST', '/api/v1/requests'],
      // The organisation's policy comes with the config for a signed-in sender.
      ['GET', '/api/v1/config'],
    ])
      expect(sendsSession(method!, path!), `${method} ${path}`).toBe(true);
  });

  it('never sends it when a recipient peeks, asks for a code, reveals or downloads, nor for receipts or uploads', () => {
    for (const [method, path] of [
      ['GET', '/api/v1/secrets/AAAA'],
      ['POST', '/api/v1/secrets/AAAA/verification'],
      ['POST', '/api/v1/secrets/AAAA/claim'],
      ['GET', '/api/v1/receipts/r'],
      ['POST', '/api/v1/receipts/r/burn'],
      ['PATCH', '/api/v1/uploads/u'],
      ['GET', '/api/v1/files/f'],
      ['GET', '/api/v1/requests/AAAA'],
      ['POST', '/api/v1/requests/AAAA/respond'],
      ['POST', '/api/v1/requests/AAAA/inbox'],
      ['POST', '/api/v1/requests/AAAA/burn'],
      ['GET', '/api/v1/request-receipts/r'],
      ['POST', '/api/v1/request-receipts/r/burn'],
      ['GET', '/api/v1/configx'],
      ['GET', '/api/v1/mex'],
      ['GET', '/api/v1/auditx'],
      // A page's branding and logo are the same for every visitor of its host.
      ['GET', '/api/v1/branding'],
      ['GET', '/api/v1/branding/logo'],
    ])
      expect(sendsSession(method!, path!), `${method} ${path}`).toBe(false);
  });
});

describe('sessionFor', () => {
  const cookies = 'burnlink.lang=nl; burnlink_csrf=tok123';

  it('adds X-CSRF-Token to every state-changing request made with the session', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post'])
      expect(sessionFor(method, 'http://127.0.0.1:8080/api/v1/keys/k', cookies)).toEqual({
        credentials: 'same-origin',
        headers: { 'x-csrf-token': 'tok123' },
        referrerPolicy: 'same-origin',
      });
    expect(sessionFor('POST', 'https://b.example/api/v1/secrets', cookies).headers).toEqual({
      'x-csrf-token': 'tok123',
    });
  });

  it('lets the browser send this origin with the session (no-referrer would make it "null")', () => {
    expect(sessionFor('DELETE', 'http://h/api/v1/sessions/s', cookies).referrerPolicy).toBe('same-origin');
    expect(sessionFor('GET', 'http://h/api/v1/receipts/r', cookies).referrerPolicy).toBe('no-referrer');
  });

  it('sends no token on reads, nor without a cookie', () => {
    expect(sessionFor('GET', 'http://h/api/v1/secrets?scope=own&cursor=x', cookies)).toMatchObject({
      credentials: 'same-origin',
      headers: {},
    });
    expect(sessionFor('POST', 'http://h/api/v1/auth/passkey/sign-in/options', '')).toMatchObject({
      credentials: 'same-origin',
      headers: {},
    });
  });

  it('omits cookies and token where the session has no business', () => {
    expect(sessionFor('POST', 'http://h/api/v1/secrets/AAAA/claim', cookies)).toEqual({
      credentials: 'omit',
      headers: {},
      referrerPolicy: 'no-referrer',
    });
  });
});
