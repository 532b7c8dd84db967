import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.js';
import { parseCommand } from './command-text.js';

const config = loadConfig({ BURNLINK_STORE: 'memory:', BURNLINK_MAX_VIEWS: '10' });

describe('parseCommand', () => {
  test.each([
    ['hunter2', { text: 'hunter2', ttlSeconds: undefined, maxViews: undefined }],
    ['hunter2 for 1h', { text: 'hunter2', ttlSeconds: 3600, maxViews: undefined }],
    ['hunter2 views 3', { text: 'hunter2', ttlSeconds: undefined, maxViews: 3 }],
    ['a b  c FOR 1h30m VIEWS 2', { text: 'a b  c', ttlSeconds: 5400, maxViews: 2 }],
    ['hunter2 views 2 for 7d', { text: 'hunter2', ttlSeconds: 604800, maxViews: 2 }],
    ['"the key for prod"', { text: 'the key for prod', ttlSeconds: undefined, maxViews: undefined }],
    ['"the key for prod" for 1d', { text: 'the key for prod', ttlSeconds: 86400, maxViews: undefined }],
    ['line one\nline two for 5m', { text: 'line one\nline two', ttlSeconds: 300, maxViews: undefined }],
    ['for the win', { text: 'for the win', ttlSeconds: undefined, maxViews: undefined }],
  ])('%j', (input, expected) => {
    expect(parseCommand(input, config)).toEqual({ kind: 'share', ...expected });
  });

  test('help, and an empty command, ask for help', () => {
    for (const input of ['', '  ', 'help', 'HELP '])
      expect(parseCommand(input, config)).toEqual({ kind: 'help' });
  });

  test.each([
    'secret-x for 31d',
    'secret-x for 30s',
    'secret-x for 60',
    'secret-x for tomorrow',
    'secret-x views 11',
    'secret-x views 0',
    'secret-x views -1',
    'secret-x for 1h for 2h',
    'views 2',
    '"" for 1h',
  ])('%j is refused without quoting the text', (input) => {
    const parsed = parseCommand(input, config);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') {
      expect(parsed.message).not.toContain('secret-x');
      expect(parsed.message).toMatch(/\/burnlink help/);
    }
  });
});
