/**
 * The two sign-in cookies (docs/teams.md, Sessions). Behind https they take the `__Host-` prefix, which the
 * browser only accepts with Secure, Path=/ and no Domain: no subdomain can plant or read them.
 */
export interface CookieNames {
  session: string;
  csrf: string;
}

export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-burnlink_session', csrf: '__Host-burnlink_csrf' }
    : { session: 'burnlink_session', csrf: 'burnlink_csrf' };
}

/** One value from a `Cookie` header, or null. Values are base64url tokens; nothing is decoded. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** A `Set-Cookie` value: always Path=/ and SameSite=Lax. */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${options.maxAge}`, 'SameSite=Lax'];
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
