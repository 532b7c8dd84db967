import { describe, expect, test } from 'vitest';
import {
  checkTarget,
  InvalidTargetUrlError,
  parseTargetUrl,
  refusedAddressKind,
  TargetRefusedError,
} from './target-guard.js';

describe('refusedAddressKind', () => {
  test.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a shared (CGNAT) address'],
    ['100.127.255.254', 'a shared (CGNAT) address'],
    ['0.0.0.0', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a reserved or broadcast address'],
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['fc00::1', 'a private (unique local) address'],
    ['fd12:3456::1', 'a private (unique local) address'],
    ['fe80::1', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['ff02::1', 'a multicast address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['64:ff9b::10.0.0.1', 'a private address'],
    ['2002:7f00:1::', 'a loopback address'],
    ['not-an-address', 'not an IP address'],
  ])('%s is %s', (address, kind) => {
    expect(refusedAddressKind(address)).toBe(kind);
  });

  test.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '169.255.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '2002:0808:0808::',
  ])('%s is public', (address) => {
    expect(refusedAddressKind(address)).toBeNull();
  });
});

describe('parseTargetUrl', () => {
  test('takes http and https URLs', () => {
    expect(parseTargetUrl('https://hooks.example/in?x=1').hostname).toBe('hooks.example');
    expect(parseTargetUrl('http://[2606:4700::1111]:8080/').hostname).toBe('[2606:4700::1111]');
  });

  test.each([
    ['another scheme', 'ftp://hooks.example/', /url must use http or https, not ftp/],
    ['a file URL', 'file:///etc/passwd', /url must use http or https, not file/],
    ['a relative URL', 'hooks.example/in', /absolute http/],
    ['credentials', 'https://user:pw@hooks.example/', /user name or password/],
    ['a long URL', `https://hooks.example/${'a'.repeat(2048)}`, /at most 2048 characters/],
  ])('refuses %s', (_what, url, message) => {
    expect(() => parseTargetUrl(url)).toThrow(InvalidTargetUrlError);
    expect(() => parseTargetUrl(url)).toThrow(message);
  });
});

describe('checkTarget', () => {
  const answering =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));

  test('refuses a name when any of its addresses is internal', async () => {
    await expect(
      checkTarget('hooks.example', { allowPrivate: false, resolve: answering('93.184.216.34', '10.0.0.5') }),
    ).rejects.toThrow(/hooks\.example resolves to a private address.*BURNLINK_WEBHOOK_ALLOW_PRIVATE/);
  });

  test('refuses a literal metadata address without resolving', async () => {
    await expect(checkTarget('169.254.169.254', { allowPrivate: false })).rejects.toThrow(TargetRefusedError);
  });

  test('accepts public addresses, and private ones when allowed', async () => {
    await expect(
      checkTarget('hooks.example', { allowPrivate: false, resolve: answering('93.184.216.34') }),
    ).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(checkTarget('127.0.0.1', { allowPrivate: true })).resolves.toHaveLength(1);
  });
});
