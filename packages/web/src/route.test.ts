import { describe, expect, it } from 'vitest';
import { route } from './route.js';

describe('route', () => {
  it('maps the server-served paths to pages', () => {
    expect(route('/')).toEqual({ page: 'create' });
    expect(route('/s/AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ page: 'reveal', id: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(route('/r/abc_-9')).toEqual({ page: 'receipt', receipt: 'abc_-9' });
  });

  it('maps the account pages, with or without a trailing slash', () => {
    expect(route('/sign-in')).toEqual({ page: 'sign-in' });
    expect(route('/join')).toEqual({ page: 'join' });
    expect(route('/dashboard/')).toEqual({ page: 'dashboard' });
    expect(route('/settings')).toEqual({ page: 'settings' });
    expect(route('/audit')).toEqual({ page: 'audit' });
    expect(route('/webhooks/')).toEqual({ page: 'webhooks' });
    expect(route('/policy')).toEqual({ page: 'policy' });
    expect(route('/domains/')).toEqual({ page: 'domains' });
  });

  it('maps the request pages', () => {
    expect(route('/request')).toEqual({ page: 'request', param: '' });
    expect(route('/request/')).toEqual({ page: 'request', param: '' });
    expect(route('/q/AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ page: 'respond', param: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(route('/i/abc_-9')).toEqual({ page: 'inbox', param: 'abc_-9' });
    expect(route('/rq/abc_-9/')).toEqual({ page: 'request-receipt', param: 'abc_-9' });
  });

  it('answers "none" for anything else', () => {
    for (const path of [
      '/s/',
      '/s/a/b',
      '/x',
      '/r/%20',
      '/s/a.b',
      '/Settings',
      '/settings/keys',
      '/audit/export',
      '/webhooks/abc',
      '/sign-in-x',
      '/none',
      '/create',
      '/requests',
      '/q/',
      '/i/a/b',
      '/rq/a.b',
      '/request/x',
    ])
      expect(route(path)).toEqual({ page: 'none' });
  });
});
