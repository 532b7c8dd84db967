import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../../test/support/backend-processes.js';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../../test/support/dnsmasq.js';
import { classifyDnsError, dnsChecker, matchTxtRecords, txtRecordName, txtRecordValue } from './dns-check.js';

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg';

describe('matching TXT records', () => {
  test('a record equal to burnlink-verify=<token>, chunks joined and trimmed, verifies', () => {
    expect(matchTxtRecords([[`burnlink-verify=${TOKEN}`]], TOKEN)).toBe('verified');
    expect(matchTxtRecords([['burnlink-verify=', TOKEN.slice(0, 10), TOKEN.slice(10)]], TOKEN)).toBe(
      'verified',
    );
    expect(matchTxtRecords([['v=spf1 -all'], [` burnlink-verify=${TOKEN} `]], TOKEN)).toBe('verified');
  });

  test('anything else is a wrong record', () => {
    expect(matchTxtRecords([], TOKEN)).toBe('wrong_record');
    expect(matchTxtRecords([[`burnlink-verify=${TOKEN}x`]], TOKEN)).toBe('wrong_record');
    expect(matchTxtRecords([[TOKEN]], TOKEN)).toBe('wrong_record');
    expect(matchTxtRecords([[`burnlink-verify=${TOKEN.toLowerCase()}`]], TOKEN)).toBe('wrong_record');
  });

  test('NXDOMAIN and no data mean no record; every other failure decides nothing', () => {
    for (const code of ['ENOTFOUND', 'ENODATA', 'NXDOMAIN'])
      expect(classifyDnsError({ code })).toBe('no_record');
    for (const code of ['ESERVFAIL', 'ETIMEOUT', 'ECONNREFUSED', 'EREFUSED', undefined]) {
      expect(classifyDnsError({ code })).toBe('dns_error');
    }
    expect(classifyDnsError(null)).toBe('dns_error');
  });

  test('the record to publish', () => {
    expect(txtRecordName('secrets.acme.example')).toBe('_burnlink.secrets.acme.example');
    expect(txtRecordValue(TOKEN)).toBe(`burnlink-verify=${TOKEN}`);
  });
});

describe.runIf(await dnsmasqAvailable())('checking against a real resolver (dnsmasq)', () => {
  let dns: Dnsmasq;

  beforeAll(async () => {
    dns = await startDnsmasq({
      '_burnlink.good.example': [`burnlink-verify=${TOKEN}`],
      '_burnlink.chunked.example': [['burnlink-verify=', TOKEN]],
      '_burnlink.wrong.example': ['burnlink-verify=someone-elses-token', 'v=spf1 -all'],
      '_burnlink.several.example': ['unrelated', `burnlink-verify=${TOKEN}`],
    });
  });
  afterAll(async () => await dns?.stop());

  test('verified, no_record and wrong_record', async () => {
    const checker = dnsChecker({ servers: [dns.address] });
    expect(await checker.check('good.example', TOKEN)).toBe('verified');
    expect(await checker.check('chunked.example', TOKEN)).toBe('verified');
    expect(await checker.check('several.example', TOKEN)).toBe('verified');
    expect(await checker.check('wrong.example', TOKEN)).toBe('wrong_record');
    expect(await checker.check('missing.example', TOKEN)).toBe('no_record');
    expect(await checker.check('good.example', 'another-token')).toBe('wrong_record');
  });

  test('records change with a restart on the same port', async () => {
    const checker = dnsChecker({ servers: [dns.address] });
    await dns.setRecords({ '_burnlink.missing.example': [`burnlink-verify=${TOKEN}`] });
    expect(await checker.check('missing.example', TOKEN)).toBe('verified');
    expect(await checker.check('good.example', TOKEN)).toBe('no_record');
  });

  test('a resolver that does not answer is dns_error', async () => {
    const checker = dnsChecker({ servers: [`127.0.0.1:${await freePort()}`], timeoutMs: 300, tries: 1 });
    expect(await checker.check('good.example', TOKEN)).toBe('dns_error');
  });
});
