import { describe, expect, it } from 'vitest';
import { route } from './route.js';

describe('route', () => {
  it('maps the server-served paths to pages', () => {
    expect(route('/')).toEqual({ page: 'create' });
    expect(route('/s/AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ page: 'reveal', id: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(route('/r/abc_-9')).toEqual({ page: 'receipt', receipt: 'abc_-9' });
  });

  it('answers "none" for anything else', () => {
    for (const path of ['/s/', '/s/a/b', '/x', '/r/%20', '/s/a.b'])
      expect(route(path)).toEqual({ page: 'none' });
  });
});
