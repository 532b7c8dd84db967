import type { CreateExtrasProps } from '../account/create-extras.js';
import { loadAccountChunk, useLazy } from '../hooks.js';
import { hasSessionCookie } from '../session-cookie.js';

/**
 * The create page's account part, loaded lazily: for an anonymous visitor on a server that lets anyone create,
 * nothing is fetched at all (no chunk, no `GET /api/v1/me`): only the cookie is looked at. (Offline after the
 * first load, the chunk does not come and the page still creates anonymously.)
 */
export function AccountLine(props: CreateExtrasProps) {
  const chunk = useLazy(loadAccountChunk, props.required || hasSessionCookie());
  return chunk ? <chunk.CreateAccountExtras {...props} /> : null;
}
