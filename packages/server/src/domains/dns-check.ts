import { Resolver } from 'node:dns/promises';
import type { DomainCheckResult } from '@burnlink/wire';
import { DOMAIN_TXT_PREFIX, DOMAIN_TXT_VALUE_PREFIX } from '../wire.js';

/** What a DNS check can find (`taken` is decided by the store, not by DNS). */
export type DnsCheckResult = Exclude<DomainCheckResult, 'taken'>;

/** Looks for a domain's verification record; never throws (a failure is `dns_error`). */
export interface DnsChecker {
  check(name: string, token: string): Promise<DnsCheckResult>;
}

export interface DnsCheckOptions {
  /** `BURNLINK_DNS_SERVERS` (`IP`, `IP:port`, `[IPv6]:port`), or null for the system's resolvers. */
  servers: string[] | null;
  /** Per try, in ms (default 2500). */
  timeoutMs?: number;
  /** Tries per server (default 2). */
  tries?: number;
}

/** The owner name of a domain's verification record: `_burnlink.<name>`. */
export const txtRecordName = (name: string): string => `${DOMAIN_TXT_PREFIX}${name}`;

/** The value the record must hold: `burnlink-verify=<token>`. */
export const txtRecordValue = (token: string): string => `${DOMAIN_TXT_VALUE_PREFIX}${token}`;

/** The answers that mean "there is no such record" rather than "the resolvers could not tell". */
const NO_RECORD = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * What TXT records found at `_burnlink.<name>` say about `token`: a record whose chunks, joined and trimmed,
 * equal `burnlink-verify=<token>` verifies it; other records do not. The token is not a secret (it is published
 * in DNS), so a plain comparison is fine.
 */
export function matchTxtRecords(records: string[][], token: string): 'verified' | 'wrong_record' {
  const wanted = txtRecordValue(token);
  return records.some((chunks) => chunks.join('').trim() === wanted) ? 'verified' : 'wrong_record';
}

/** The outcome of a failed TXT query: a definite "no record" (NXDOMAIN, no data) or a DNS failure. */
export function classifyDnsError(error: unknown): DnsCheckResult {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NO_RECORD.has(code) ? 'no_record' : 'dns_error';
}

/**
 * A checker that asks the configured resolvers (or the system's) for `_burnlink.<name>` TXT. SERVFAIL, a
 * timeout or a refusal is `dns_error`, which decides nothing about the domain.
 *
 * @example
 * const dns = dnsChecker({ servers: config.domains.dnsServers });
 * await dns.check('secrets.acme.example', record.token); // 'verified' | 'no_record' | 'wrong_record' | 'dns_error'
 */
export function dnsChecker(options: DnsCheckOptions): DnsChecker {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2500, tries: options.tries ?? 2 });
  if (options.servers !== null) resolver.setServers(options.servers);
  return {
    async check(name, token) {
      try {
        return matchTxtRecords(await resolver.resolveTxt(txtRecordName(name)), token);
      } catch (error) {
        return classifyDnsError(error);
      }
    },
  };
}
