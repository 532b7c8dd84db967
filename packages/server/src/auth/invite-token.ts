import { hash, randomBytes } from 'node:crypto';

/**
 * Invite tokens: 32 random bytes, base64url, carried in the fragment of `${origin}/join#${token}`. The
 * accounts store keeps `inviteTokenHash(token)` (SHA-256 hex of the token string) as `Invite.tokenHash`, and
 * the join step looks the invite up by the same hash.
 *
 * @example
 * const { token, tokenHash } = newInviteToken();
 */
export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: inviteTokenHash(token) };
}

/** SHA-256 (hex) of the token string, as `Invite.tokenHash`. */
export function inviteTokenHash(token: string): string {
  return hash('sha256', token, 'hex');
}
