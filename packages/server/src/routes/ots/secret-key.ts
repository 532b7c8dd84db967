/**
 * OTS's `secret_key` for a burnlink secret: `{id}.{linkKey}` (both base64url). It carries the secret's id and
 * its link key, so that a reveal is a key claim (DESIGN §3.8) and the server forgets the key afterwards.
 */
const SECRET_KEY = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{16,128})$/;

export function encodeSecretKey(id: string, linkKey: Uint8Array): string {
  return `${id}.${Buffer.from(linkKey).toString('base64url')}`;
}

/** The id and link key of an OTS `secret_key`, or null when it cannot be one of ours. */
export function decodeSecretKey(secretKey: string): { id: string; key: Buffer } | null {
  const match = SECRET_KEY.exec(secretKey);
  if (match === null) return null;
  return { id: match[1] as string, key: Buffer.from(match[2] as string, 'base64url') };
}
