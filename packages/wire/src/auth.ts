import { type Static, Type } from 'typebox';
import { B64U_PATTERN, IsoTime } from './formats.js';

// Signing in (docs/teams.md, "Signing in"): passkeys (WebAuthn) and OpenID Connect. The WebAuthn options and
// responses are the W3C JSON forms (`PublicKeyCredentialCreationOptionsJSON`, `RegistrationResponseJSON`, …);
// the contract names what the server needs of them and lets the rest through.

const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
/** An invite token, from the join link's `#` part. */
const InviteToken = Type.String({ minLength: 1, maxLength: 200, description: 'The invite token' });

/** What `navigator.credentials.create()` / `.get()` answered, as JSON (`@simplewebauthn/browser` gives it). */
export const WebAuthnResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1400, pattern: B64U_PATTERN, description: 'Credential id' }),
    rawId: Type.String({ maxLength: 1400 }),
    type: Type.Literal('public-key'),
    response: Type.Object(
      { clientDataJSON: Type.String({ maxLength: 10_000 }) },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true },
);
export type WebAuthnResponse = Static<typeof WebAuthnResponse>;

/** POST /api/v1/auth/passkey/register/options: with an invite (joining), or signed in (another passkey). */
export const PasskeyRegisterOptionsBody = Type.Object(
  {
    invite: Type.Optional(InviteToken),
    name: Type.Optional(Name('Your name, for a person who joins with the invite')),
  },
  { additionalProperties: false },
);
export type PasskeyRegisterOptionsBody = Static<typeof PasskeyRegisterOptionsBody>;

/** WebAuthn creation or request options (W3C JSON form), passed to the browser as they are. */
export const WebAuthnOptions = Type.Object(
  { challenge: Type.String({ pattern: B64U_PATTERN }) },
  { additionalProperties: true },
);
export type WebAuthnOptions = Static<typeof WebAuthnOptions>;

/** POST /api/v1/auth/passkey/register. */
export const PasskeyRegisterBody = Type.Object(
  { response: WebAuthnResponse, name: Name('A name for this passkey, e.g. "Chrome on macOS"') },
  { additionalProperties: false },
);
export type PasskeyRegisterBody = Static<typeof PasskeyRegisterBody>;

/** POST /api/v1/auth/passkey/sign-in. */
export const PasskeySignInBody = Type.Object({ response: WebAuthnResponse }, { additionalProperties: false });
export type PasskeySignInBody = Static<typeof PasskeySignInBody>;

/** One of my passkeys (GET /api/v1/passkeys). Only its name and times: never the key itself. */
export const PasskeyView = Type.Object(
  {
    id: Type.String({ description: 'Credential id' }),
    name: Type.String(),
    created_at: IsoTime('When it was registered'),
    last_used_at: Type.Union([Type.Null(), IsoTime('When it last signed in')]),
  },
  { additionalProperties: false },
);
export type PasskeyView = Static<typeof PasskeyView>;

export const PasskeyList = Type.Object(
  { passkeys: Type.Array(PasskeyView) },
  { additionalProperties: false },
);
export type PasskeyList = Static<typeof PasskeyList>;

export const PasskeyParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 1400, pattern: B64U_PATTERN, description: 'Credential id' }),
});
export type PasskeyParams = Static<typeof PasskeyParams>;

/** A successful passkey sign-in or registration: who, where, and the CSRF token for the page. */
export const SignedInReply = Type.Object(
  {
    user: Type.Object(
      { id: Type.String(), email: Type.String(), name: Type.String() },
      { additionalProperties: false },
    ),
    org: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    role: Type.String(),
    csrf_token: Type.Union([Type.Null(), Type.String()], {
      description:
        "The new session's CSRF token; null when a signed-in person added a passkey (same session)",
    }),
    passkey: Type.Optional(PasskeyView),
  },
  { additionalProperties: false },
);
export type SignedInReply = Static<typeof SignedInReply>;

/** GET /api/v1/auth/oidc/start. */
export const OidcStartQuery = Type.Object(
  {
    invite: Type.Optional(InviteToken),
    return_to: Type.Optional(
      Type.String({ maxLength: 2000, description: 'A path of this site to land on; else /dashboard' }),
    ),
  },
  { additionalProperties: false },
);
export type OidcStartQuery = Static<typeof OidcStartQuery>;
