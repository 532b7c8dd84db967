import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit-types.js';
import {
  asciiJson,
  cefHeader,
  cefMessage,
  cefValue,
  formatSyslog,
  headerField,
  localOrigin,
  sdValue,
  syslogSeverity,
} from './format.js';

const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({
  id: 12,
  at: Date.UTC(2026, 11, 4, 10, 0, 0, 5),
  type: 'secret.viewed',
  org: 'org_1',
  actor: { type: 'user', id: 'usr_9' },
  subject: { type: 'secret', id: 'sec_abc' },
  outcome: 'ok',
  details: { views_left: 0 },
  ip: '192.0.2.7',
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...over,
});

const origin = { hostname: 'node-1', procId: '4242', version: '1.2.3' };

/** Splits an RFC 5424 message into its header fields, its one SD element and MSG. */
function parse5424(message: string) {
  const m = /^<(\d+)>1 (\S+) (\S+) (\S+) (\S+) (\S+) (\[(?:[^"\]]|"(?:[^"\\]|\\.)*")*\]) (.*)$/s.exec(
    message,
  );
  if (!m) throw new Error(`not RFC 5424: ${message}`);
  const params: Record<string, string> = {};
  for (const p of m[7]!.matchAll(/ ([^=\s]+)="((?:[^"\\]|\\.)*)"/g)) {
    params[p[1]!] = p[2]!.replace(/\\(["\\\]])/g, '$1');
  }
  return {
    pri: Number(m[1]),
    timestamp: m[2],
    hostname: m[3],
    app: m[4],
    procId: m[5],
    msgId: m[6],
    sdId: /^\[(\S+)/.exec(m[7]!)![1],
    params,
    msg: m[8]!,
  };
}

/** A CEF line into its 7 header fields and its extensions, undoing the escapes. */
function parseCef(line: string) {
  const header: string[] = [];
  let rest = line;
  for (let i = 0; i < 7; i += 1) {
    const m = /^((?:[^|\\]|\\.)*)\|/.exec(rest)!;
    header.push(m[1]!.replace(/\\([|\\])/g, '$1'));
    rest = rest.slice(m[0].length);
  }
  const ext: Record<string, string> = {};
  for (const m of rest.matchAll(/(\w+)=((?:[^\\=]|\\.)*?)(?= \w+=|$)/g)) {
    ext[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  }
  return { header, ext };
}

describe('syslog severity and facility', () => {
  it('is authpriv (10): info for ok, notice for failed or refused, warning for alerts', () => {
    expect(parse5424(formatSyslog(record(), 'json', origin)).pri).toBe(10 * 8 + 6);
    expect(parse5424(formatSyslog(record({ outcome: 'failed' }), 'json', origin)).pri).toBe(85);
    expect(parse5424(formatSyslog(record({ outcome: 'refused' }), 'json', origin)).pri).toBe(85);
    expect(syslogSeverity({ type: 'alert.lockouts', outcome: 'ok' })).toBe(4);
    expect(parse5424(formatSyslog(record({ type: 'alert.lockouts' }), 'cef', origin)).pri).toBe(84);
  });
});

describe('RFC 5424 header', () => {
  it('has version 1, the UTC time with milliseconds, host, app, pid and the type as MSGID', () => {
    const parsed = parse5424(formatSyslog(record(), 'json', origin));
    expect(parsed).toMatchObject({
      timestamp: '2026-12-04T10:00:00.005Z',
      hostname: 'node-1',
      app: 'burnlink',
      procId: '4242',
      msgId: 'secret.viewed',
    });
  });

  it('keeps header fields to printable ASCII within their length, NILVALUE when empty', () => {
    expect(headerField('my host\tname', 255)).toBe('my_host_name');
    expect(headerField('hôte', 255)).toBe('h_te');
    expect(headerField('', 255)).toBe('-');
    expect(headerField('alert.failed_claims_per_address_x', 32)).toHaveLength(32);
  });

  it('takes this process: its host name, pid and the server version', () => {
    const local = localOrigin();
    expect(local.procId).toBe(String(process.pid));
    expect(local.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(local.hostname).not.toBe('');
  });
});

describe('structured data', () => {
  it('carries id, org, type and outcome under burnlink@32473', () => {
    const parsed = parse5424(formatSyslog(record(), 'cef', origin));
    expect(parsed.sdId).toBe('burnlink@32473');
    expect(parsed.params).toEqual({ id: '12', org: 'org_1', type: 'secret.viewed', outcome: 'ok' });
  });

  it('escapes ", \\ and ] in values (RFC 5424 §6.3.3) so a value cannot end the element', () => {
    expect(sdValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const nasty = 'o"] [x@1 y="z\\';
    const parsed = parse5424(formatSyslog(record({ org: nasty }), 'json', origin));
    expect(parsed.params.org).toBe(nasty);
    expect(parsed.params.id).toBe('12');
  });
});

describe('JSON format', () => {
  it('has MSG = the record as the API’s AuditEvent', () => {
    const msg = JSON.parse(parse5424(formatSyslog(record(), 'json', origin)).msg);
    expect(msg).toEqual({
      id: 12,
      at: '2026-12-04T10:00:00.005Z',
      type: 'secret.viewed',
      org: 'org_1',
      actor: { type: 'user', id: 'usr_9' },
      subject: { type: 'secret', id: 'sec_abc' },
      outcome: 'ok',
      details: { views_left: 0 },
      ip: '192.0.2.7',
      prev_hash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    });
  });

  it('is pure printable ASCII on one line, whatever the record holds', () => {
    const odd = record({ org: 'ørg\n😀', details: { note: 'a\u0000b\u007f' }, subject: null, ip: null });
    const message = formatSyslog(odd, 'json', origin);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may remain.
    expect(message).not.toMatch(/[\x00-\x1f\x7f]/);
    const parsed = parse5424(message);
    expect(parsed.params.org).toBe('ørg\\u000a😀');
    expect(parsed.msg).toMatch(/^[\x20-\x7e]*$/);
    const msg = JSON.parse(parsed.msg);
    expect(msg.org).toBe('ørg\n😀');
    expect(msg.details).toEqual({ note: 'a\u0000b\u007f' });
    expect(msg.subject).toBeNull();
    expect(asciiJson('é')).toBe('"\\u00e9"');
  });
});

describe('CEF format', () => {
  it('has the header fields and every extension', () => {
    const { header, ext } = parseCef(cefMessage(record(), '1.2.3'));
    expect(header).toEqual(['CEF:0', 'burnlink', 'burnlink', '1.2.3', 'secret.viewed', 'secret viewed', '3']);
    expect(ext).toEqual({
      rt: String(Date.UTC(2026, 11, 4, 10, 0, 0, 5)),
      externalId: '12',
      cs1Label: 'org',
      cs1: 'org_1',
      outcome: 'ok',
      cs2Label: 'actor_type',
      cs2: 'user',
      suid: 'usr_9',
      cs3Label: 'subject_type',
      cs3: 'secret',
      cs4Label: 'subject_id',
      cs4: 'sec_abc',
      src: '192.0.2.7',
      msg: '{"views_left":0}',
      cs5Label: 'prev_hash',
      cs5: 'a'.repeat(64),
      cs6Label: 'hash',
      cs6: 'b'.repeat(64),
    });
  });

  it('rates severity 3 ok, 5 failed or refused, 8 alerts', () => {
    expect(parseCef(cefMessage(record({ outcome: 'refused' }), 'v')).header[6]).toBe('5');
    expect(parseCef(cefMessage(record({ outcome: 'failed' }), 'v')).header[6]).toBe('5');
    const alert = parseCef(cefMessage(record({ type: 'alert.failed_claims_per_address' }), 'v'));
    expect(alert.header.slice(4)).toEqual([
      'alert.failed_claims_per_address',
      'alert failed claims per address',
      '8',
    ]);
  });

  it('leaves out what a record does not have (anonymous actor, no subject, no address)', () => {
    const { ext } = parseCef(
      cefMessage(record({ actor: { type: 'anonymous', id: null }, subject: null, ip: null }), 'v'),
    );
    expect(ext.cs2).toBe('anonymous');
    expect(ext).not.toHaveProperty('suid');
    expect(ext).not.toHaveProperty('cs3');
    expect(ext).not.toHaveProperty('cs4');
    expect(ext).not.toHaveProperty('src');
  });

  it('escapes | and \\ in the header; =, \\ and line breaks in extensions', () => {
    expect(cefHeader('a|b\\c\nd')).toBe('a\\|b\\\\c d');
    expect(cefValue('k=v\\x\ny\rz|')).toBe('k\\=v\\\\x\\ny\\rz|');
    const nasty = 'o=1 cs9=x\\\n|';
    const { header, ext } = parseCef(cefMessage(record({ org: nasty, details: { note: 'a=b' } }), '1|2\\3'));
    expect(header[3]).toBe('1|2\\3');
    expect(ext.cs1).toBe(nasty);
    expect(ext).not.toHaveProperty('cs9');
    expect(JSON.parse(ext.msg!)).toEqual({ note: 'a=b' });
  });

  it('travels as MSG of an RFC 5424 message with the record id in its structured data', () => {
    const parsed = parse5424(formatSyslog(record(), 'cef', origin));
    expect(parsed.msg.startsWith('CEF:0|burnlink|burnlink|1.2.3|secret.viewed|')).toBe(true);
    expect(parsed.params.id).toBe(parseCef(parsed.msg).ext.externalId);
  });
});
