import { randomPassword, setRolePassword } from './postgres-password.js';

/**
 * Hands a PostgreSQL role's password over through burnlink: sets a fresh random password on the role, sends it
 * as a one-view secret owned by the API key's organisation (the server-encrypted create: `POST /api/v1/secrets`
 * with `text`), and tracks secret id → role. Answers the link; the password itself is only in the secret.
 */
export async function handOver({
  db,
  tracked,
  burnlinkUrl,
  apiKey,
  role,
  ttlSeconds,
  fetch = globalThis.fetch,
}) {
  const password = randomPassword();
  await setRolePassword(db, role, password);
  const response = await fetch(`${burnlinkUrl.replace(/\/+$/, '')}/api/v1/secrets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      text: password,
      max_views: 1,
      ...(ttlSeconds === undefined ? {} : { ttl: ttlSeconds }),
      context: { username: role, label: 'PostgreSQL password' },
    }),
  });
  const reply = await response.json().catch(() => ({}));
  if (response.status !== 201 || typeof reply.link !== 'string') {
    // The role keeps the password just set, which nobody knows: nothing was handed over.
    const why = reply.error ? `${reply.error.code}: ${reply.error.message}` : `HTTP ${response.status}`;
    throw new Error(`burnlink refused the secret (${why})`);
  }
  await tracked.put({
    secret_id: reply.id,
    role,
    handed_over_at: new Date().toISOString(),
    expires_at: reply.expires_at,
  });
  return { id: reply.id, link: reply.link, expiresAt: reply.expires_at };
}
