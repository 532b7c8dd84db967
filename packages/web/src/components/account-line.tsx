import { useEffect, useState } from 'preact/hooks';
import type { CreateAccountExtras, CreateExtrasProps } from '../account/create-extras.js';
import { hasSessionCookie } from '../session-cookie.js';

/**
 * The create page's account part, loaded lazily: for an anonymous visitor on a server that lets anyone create,
 * nothing is fetched at all (no chunk, no `GET /api/v1/me`): only the cookie is looked at.
 */
export function AccountLine(props: CreateExtrasProps) {
  const [Extras, setExtras] = useState<typeof CreateAccountExtras | null>(null);
  const wanted = props.required || hasSessionCookie();
  useEffect(() => {
    if (!wanted || Extras) return;
    import('../account/account-pages.js').then(
      (module) => setExtras(() => module.CreateAccountExtras),
      () => {}, // offline after the first load: the page still creates anonymously
    );
  }, [wanted]);
  return Extras ? <Extras {...props} /> : null;
}
