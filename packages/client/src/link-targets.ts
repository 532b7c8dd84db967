import { isValidId, parseReceiptLink, parseSecretLink, type SecretLink } from '@burnlink/core';
import { normalizeBaseUrl } from './base-url.js';
import type { Failure } from './results.js';

// Where a call goes: a link names its server (its origin, path prefix kept); a bare id or receipt goes to the
// client's base URL. Malformed input becomes a `bad_link` failure before anything is sent.

/** A secret link, parsed; its `origin` normalised like a base URL. */
export function secretTarget(link: string): SecretLink | Failure {
  try {
    const parsed = parseSecretLink(link);
    const origin = normalizeBaseUrl(parsed.origin);
    if (origin === null) throw new Error('bad origin');
    return { ...parsed, origin };
  } catch (error) {
    // LinkError messages say what is wrong without echoing the key; anything else gets a generic sentence.
    const message =
      error instanceof Error && error.name === 'LinkError'
        ? error.message
        : 'not a burnlink link: expected {origin}/s/{id}#{key}';
    return { ok: false, reason: 'bad_link', message };
  }
}

/** A secret link or a bare secret id (peek needs no key). */
export function idTarget(linkOrId: string, base: string): { base: string; id: string } | Failure {
  if (isValidId(linkOrId)) return { base, id: linkOrId };
  const parsed = secretTarget(linkOrId);
  return 'ok' in parsed ? parsed : { base: parsed.origin, id: parsed.id };
}

/** A receipt link or a bare receipt (`/r/{receipt}`; the request pages pass their `/rq/` parser). */
export function receiptTarget(
  input: string,
  base: string,
  parse: (link: string) => { origin: string | null | undefined; receipt: string } = parseReceiptLink,
  expected = '{origin}/r/{receipt}',
): { base: string; receipt: string } | Failure {
  if (isValidId(input)) return { base, receipt: input };
  try {
    const parsed = parse(input);
    const origin = parsed.origin ? normalizeBaseUrl(parsed.origin) : base;
    if (origin === null || !isValidId(parsed.receipt)) throw new Error('bad receipt link');
    return { base: origin, receipt: parsed.receipt };
  } catch {
    return {
      ok: false,
      reason: 'bad_link',
      message: `not a receipt link: expected ${expected} or the 22-character receipt`,
    };
  }
}
