import type { ServerLimits } from '@burnlink/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles, fileCap } from './file-cap.js';
import { problemFor } from './problems.js';
import { maskKey, originPattern, parseServerUrl } from './settings.js';

beforeAll(() => {
  // The one chrome API these modules touch outside a browser: the messages' language, for number formats.
  Object.assign(globalThis, {
    chrome: { i18n: { getMessage: (key: string) => (key === 'localeTag' ? 'en' : '') } },
  });
});

const MiB = 2 ** 20;
const limits = (files: ServerLimits['files']) => ({ files }) as ServerLimits;

describe('file cap', () => {
  it('narrows the server limits to the extension cap, and keeps smaller server limits', () => {
    expect(fileCap(limits({ maxFiles: 100, maxFileBytes: 1024 * MiB, maxSecretBytes: 2048 * MiB }))).toEqual({
      maxFiles: 5,
      maxFileBytes: 10 * MiB,
      maxSecretBytes: 10 * MiB,
    });
    expect(fileCap(limits({ maxFiles: 2, maxFileBytes: MiB, maxSecretBytes: 3 * MiB }))).toEqual({
      maxFiles: 2,
      maxFileBytes: MiB,
      maxSecretBytes: 3 * MiB,
    });
  });

  it('refuses files before anything is encrypted: off, too many, one too large, all too large', () => {
    const cap = { maxFiles: 2, maxFileBytes: 4 * MiB, maxSecretBytes: 6 * MiB };
    const file = (size: number, name = 'a.bin') => ({ name, size });
    expect(checkFiles([], { ...cap, maxFiles: 0 })).toBeNull();
    expect(checkFiles([file(1)], { ...cap, maxFiles: 0 })).toEqual({ key: 'errFilesOff' });
    expect(checkFiles([file(1), file(1), file(1)], cap)).toEqual({ key: 'errTooManyFiles', subs: [2] });
    expect(checkFiles([file(4 * MiB + 1, 'big.iso')], cap)).toEqual({
      key: 'errFileTooLarge',
      subs: ['big.iso', '4 MB'],
    });
    expect(checkFiles([file(4 * MiB), file(3 * MiB)], cap)).toEqual({
      key: 'errTotalTooLarge',
      subs: ['6 MB'],
    });
    expect(checkFiles([file(4 * MiB), file(2 * MiB)], cap)).toBeNull();
  });
});

describe('settings', () => {
  it('shows a saved key only as its prefix and last four characters', () => {
    expect(maskKey('bl_0123456789abcdefWXYZ')).toBe('bl_…WXYZ');
    expect(maskKey('bl_short')).toBe('bl_…');
    expect(maskKey('other-secret-key')).toBe('…-key');
  });

  it('asks for the server origin only, whatever the path', () => {
    expect(originPattern('https://burn.example.com/team/a')).toBe('https://burn.example.com/*');
    expect(parseServerUrl(' https://burn.example.com/ ')).toBe('https://burn.example.com');
    expect(parseServerUrl('https://burn.example.com/?x=1')).toBeNull();
    expect(parseServerUrl('ftp://burn.example.com')).toBeNull();
  });
});

describe('problems', () => {
  const origin = 'https://burn.example.com';
  it('names an unreachable server, a refused key and a policy refusal, and leads to the settings when they help', () => {
    expect(problemFor({ ok: false, reason: 'network', message: 'x' }, origin)).toEqual({
      key: 'errNetwork',
      subs: [origin],
      settings: true,
    });
    expect(
      problemFor({ ok: false, reason: 'invalid_request', code: 'sign_in_required', message: 'x' }, origin),
    ).toEqual({ key: 'errSignInRequired', settings: true });
    expect(
      problemFor({ ok: false, reason: 'invalid_request', code: 'invalid_api_key', message: 'x' }, origin),
    ).toEqual({ key: 'errInvalidKey', settings: true });
    expect(
      problemFor(
        {
          ok: false,
          reason: 'invalid_request',
          code: 'policy_violation',
          rule: 'max_ttl',
          message: 'too long',
        },
        origin,
      ),
    ).toEqual({ key: 'errPolicy', subs: ['too long'] });
    expect(
      problemFor({ ok: false, reason: 'invalid_request', code: 'file_too_large', message: 'x' }, origin),
    ).toEqual({ key: 'errTooLarge' });
    expect(
      problemFor({ ok: false, reason: 'invalid_request', code: 'brand_new', message: 'x' }, origin),
    ).toEqual({
      key: 'errRejected',
      subs: ['brand_new'],
    });
  });
});
