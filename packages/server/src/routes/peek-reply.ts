import { toIso } from '../app-context.js';
import { decodeRestrictions, peekRequires } from '../policies/index.js';
import type { SecretInfo } from '../stores/secret-store.js';

/**
 * A secret's public, non-consuming information as the wire's `PeekReply`: for GET /api/v1/secrets/{id} and
 * for a request's inbox (its response). Which steps a claim needs, never their values (docs/policies.md).
 */
export function peekReply(info: SecretInfo) {
  const answer = {
    expires_at: toIso(info.expiresAt),
    max_views: info.maxViews,
    views_left: info.viewsLeft,
    kdf: info.kdf,
    size: info.size,
    files: info.files.length,
  };
  if (info.restrictions === null) return answer;
  const requires = peekRequires(decodeRestrictions(info.restrictions));
  return Object.keys(requires).length === 0 ? answer : { ...answer, requires };
}
