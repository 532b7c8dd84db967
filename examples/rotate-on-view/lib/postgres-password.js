import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** A fresh random password: 32 bytes, base64url (43 characters, no quoting issues anywhere). */
export const randomPassword = () => randomBytes(32).toString('base64url');

/**
 * A role name as a quoted SQL identifier: inside double quotes, a double quote is doubled. A NUL byte cannot
 * appear in an identifier at all, so it is refused.
 */
export function quoteIdentifier(name) {
  if (typeof name !== 'string' || name === '' || name.includes('\0')) {
    throw new Error('the role name must be a non-empty string without NUL');
  }
  return `"${name.replaceAll('"', '""')}"`;
}

const ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802, RFC 7677; the `pg_authid.rolpassword`
 * format): `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`. Sending the verifier instead of the
 * password means the password never reaches the database server, its statement log or pg_stat_statements.
 * The passwords made here are ASCII, so SASLprep leaves them unchanged.
 */
export function scramVerifier(password, salt = randomBytes(16), iterations = ITERATIONS) {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (bytes) => bytes.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

/** True when `verifier` (from `pg_authid.rolpassword`) was made from `password`. */
export function verifierMatches(verifier, password) {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier ?? '');
  if (match === null) return false;
  return scramVerifier(password, Buffer.from(match[2], 'base64'), Number(match[1])) === verifier;
}

/**
 * Sets the role's password, as a SCRAM verifier. `ALTER ROLE` takes no bind parameters, so the identifier is
 * quoted and the verifier (base64 and fixed punctuation only) is written as a literal.
 */
export async function setRolePassword(db, role, password) {
  const verifier = scramVerifier(password);
  if (!/^[A-Za-z0-9+/=:$-]+$/.test(verifier)) throw new Error('unexpected characters in the verifier');
  await db.query(`ALTER ROLE ${quoteIdentifier(role)} PASSWORD '${verifier}'`);
}
