import { describe, expect, it } from 'vitest';
import { CONTEXT_FIELD_MAX_CHARS } from './constants.js';
import { utf8Decode, utf8Encode } from './encoding.js';
import { PayloadError } from './errors.js';
import { decodePayload, encodePayload, type SecretPayload } from './payload-codec.js';

const full: SecretPayload = {
  v: 1,
  text: 'pässwörd ✓',
  context: {
    label: 'db',
    username: 'deploy',
    url: 'https://db.example',
    environment: 'prod',
    note: 'rotate',
  },
  files: [{ name: 'id_rsa', type: 'application/octet-stream', size: 1679 }],
};

describe('payload codec', () => {
  it('round-trips a full payload as UTF-8 JSON with field names of protocol v1', () => {
    const bytes = encodePayload(full);
    expect(JSON.parse(utf8Decode(bytes))).toEqual(full);
    expect(decodePayload(bytes)).toEqual(full);
    expect(decodePayload(encodePayload({ v: 1, text: '' }))).toEqual({ v: 1, text: '' });
  });

  it('accepts a context field of exactly the maximum, counted in code points', () => {
    const emoji = '🔥'.repeat(CONTEXT_FIELD_MAX_CHARS); // 2000 UTF-16 units, 1000 characters
    expect(decodePayload(encodePayload({ v: 1, text: 'x', context: { note: emoji } })).context?.note).toBe(
      emoji,
    );
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', [1], /JSON object/],
    ['null', null, /JSON object/],
    ['wrong version', { v: 2, text: 'x' }, /payload.v must be 1/],
    ['missing version', { text: 'x' }, /payload.v/],
    ['text not a string', { v: 1, text: 5 }, /payload.text/],
    ['missing text', { v: 1 }, /payload.text/],
    ['unknown top-level field', { v: 1, text: 'x', extra: 1 }, /unknown field "extra"/],
    ['context not an object', { v: 1, text: 'x', context: 'db' }, /payload.context must be an object/],
    ['unknown context field', { v: 1, text: 'x', context: { password: 'x' } }, /unknown field "password"/],
    ['context field not a string', { v: 1, text: 'x', context: { url: 1 } }, /payload.context.url/],
    [
      'context field too long',
      { v: 1, text: 'x', context: { note: 'a'.repeat(CONTEXT_FIELD_MAX_CHARS + 1) } },
      /at most 1000 characters/,
    ],
    ['files not an array', { v: 1, text: 'x', files: {} }, /payload.files must be an array/],
    ['file not an object', { v: 1, text: 'x', files: ['a'] }, /payload.files\[0\]/],
    ['file name missing', { v: 1, text: 'x', files: [{ type: 't', size: 1 }] }, /files\[0\].name/],
    [
      'file type not a string',
      { v: 1, text: 'x', files: [{ name: 'a', type: 1, size: 1 }] },
      /files\[0\].type/,
    ],
    ['negative size', { v: 1, text: 'x', files: [{ name: 'a', type: 't', size: -1 }] }, /files\[0\].size/],
    ['fractional size', { v: 1, text: 'x', files: [{ name: 'a', type: 't', size: 1.5 }] }, /files\[0\].size/],
    [
      'extra file field',
      { v: 1, text: 'x', files: [{ name: 'a', type: 't', size: 1, key: 'k' }] },
      /unknown/,
    ],
  ];

  it.each(bad)('rejects %s (encode and decode) with a PayloadError naming the field', (_, value, message) => {
    expect(() => encodePayload(value as SecretPayload)).toThrow(PayloadError);
    expect(() => encodePayload(value as SecretPayload)).toThrow(message);
    expect(() => decodePayload(utf8Encode(JSON.stringify(value)))).toThrow(message);
  });

  it('rejects invalid UTF-8 and invalid JSON', () => {
    expect(() => decodePayload(new Uint8Array([0x7b, 0xff]))).toThrow(/UTF-8/);
    expect(() => decodePayload(utf8Encode('{"v":1,'))).toThrow(/JSON/);
    expect(() => decodePayload(new Uint8Array(0))).toThrow(PayloadError);
  });

  it('error messages do not echo the secret text', () => {
    const text = 'hunter2-very-secret';
    try {
      decodePayload(utf8Encode(JSON.stringify({ v: 1, text, context: { nope: text } })));
      expect.fail('should throw');
    } catch (error) {
      expect(String(error)).not.toContain(text);
    }
  });
});
