import { webFetch } from '../sdk-client.js';
import type {
  ApiKeyInfo,
  AuditListReply,
  BrandingBody,
  BrandingReply,
  CreateInviteReply,
  CreateKeyReply,
  CreateWebhookBody,
  CreateWebhookReply,
  DeliveryInfo,
  DomainInfo,
  DomainListReply,
  InviteInfo,
  LogoBody,
  Me,
  MemberInfo,
  OrgPolicy,
  OrgPolicyReply,
  PasskeyView,
  SecretListReply,
  SessionInfo,
  TeamInfo,
  WebhookInfo,
} from './account-types.js';

/**
 * The account API of docs/teams.md: plain JSON over `webFetch` (so every state-changing call carries the
 * session's `X-CSRF-Token`; see `session-cookie.ts`). Loaded only with the account pages. Every call resolves
 * with a discriminated result and never throws.
 *
 * @example
 * const me = await accountApi.me();
 * if (!me.ok && me.status === 401) location.assign('/sign-in');
 */
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

export interface ApiFailure {
  ok: false;
  /** 0: the server could not be reached. */
  status: number;
  /** The catalogue's code (docs/errors.md), or '' when the answer was not the API's. */
  code: string;
  /** Seconds from `Retry-After` on a 429, else null. */
  retryAfter: number | null;
  /** The server's own message (English), when it sent one: it names the field or rule it refused. */
  message?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function call<T>(method: Method, path: string, json?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await webFetch(`${location.origin}/api/v1${path}`, {
      method,
      headers: json === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      redirect: 'error',
    });
  } catch {
    return { ok: false, status: 0, code: 'network', retryAfter: null };
  }
  let body: unknown;
  try {
    const text = await response.text();
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok) return { ok: true, value: body as T };
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const retry = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : '',
    retryAfter: response.status === 429 && Number.isFinite(retry) && retry >= 0 ? Math.ceil(retry) : null,
    ...(typeof error?.message === 'string' && error.message ? { message: error.message } : {}),
  };
}

const enc = encodeURIComponent;

export const accountApi = {
  me: () => call<Me>('GET', '/me'),
  signOut: () => call<void>('POST', '/auth/sign-out'),
  signOutEverywhere: () => call<void>('POST', '/auth/sign-out-everywhere'),

  passkeySignInOptions: () => call<unknown>('POST', '/auth/passkey/sign-in/options', {}),
  passkeySignIn: (response: unknown) => call<unknown>('POST', '/auth/passkey/sign-in', { response }),
  /** With an invite token (joining) or, signed in, with nothing (another passkey). */
  passkeyRegisterOptions: (body: { invite: string; name: string } | Record<string, never>) =>
    call<unknown>('POST', '/auth/passkey/register/options', body),
  passkeyRegister: (response: unknown, name: string) =>
    call<unknown>('POST', '/auth/passkey/register', { response, name }),
  passkeys: () => call<{ passkeys: PasskeyView[] }>('GET', '/passkeys'),
  removePasskey: (id: string) => call<void>('DELETE', `/passkeys/${enc(id)}`),

  secrets: (query: { scope: 'own' | 'team' | 'org'; state?: string; cursor?: string | null }) => {
    const params = new URLSearchParams({ scope: query.scope });
    if (query.state) params.set('state', query.state);
    if (query.cursor) params.set('cursor', query.cursor);
    return call<SecretListReply>('GET', `/secrets?${params}`);
  },
  burnSecret: (id: string) => call<void>('POST', `/secrets/${enc(id)}/burn`),

  keys: () => call<{ keys: ApiKeyInfo[] }>('GET', '/keys'),
  createKey: (body: { name: string; scopes: string[]; expires_in: number }) =>
    call<CreateKeyReply>('POST', '/keys', body),
  revokeKey: (id: string) => call<void>('DELETE', `/keys/${enc(id)}`),

  members: () => call<{ members: MemberInfo[] }>('GET', '/members'),
  changeRole: (userId: string, role: string) =>
    call<MemberInfo>('PATCH', `/members/${enc(userId)}`, { role }),
  removeMember: (userId: string) => call<void>('DELETE', `/members/${enc(userId)}`),
  invites: () => call<{ invites: InviteInfo[] }>('GET', '/invites'),
  invite: (email: string, role: string) => call<CreateInviteReply>('POST', '/invites', { email, role }),
  deleteInvite: (id: string) => call<void>('DELETE', `/invites/${enc(id)}`),

  teams: () => call<{ teams: TeamInfo[] }>('GET', '/teams'),
  createTeam: (name: string) => call<TeamInfo>('POST', '/teams', { name }),
  deleteTeam: (id: string) => call<void>('DELETE', `/teams/${enc(id)}`),
  addToTeam: (teamId: string, userId: string) =>
    call<void>('PUT', `/teams/${enc(teamId)}/members/${enc(userId)}`),
  removeFromTeam: (teamId: string, userId: string) =>
    call<void>('DELETE', `/teams/${enc(teamId)}/members/${enc(userId)}`),

  sessions: () => call<{ sessions: SessionInfo[] }>('GET', '/sessions'),
  endSession: (id: string) => call<void>('DELETE', `/sessions/${enc(id)}`),

  /** One page of the audit trail; `params` from `auditApiParams` (audit-query.ts). */
  audit: (params: URLSearchParams) => call<AuditListReply>('GET', `/audit?${params}`),

  policy: () => call<OrgPolicyReply>('GET', '/org/policy'),
  setPolicy: (policy: OrgPolicy) => call<OrgPolicyReply>('PUT', '/org/policy', policy),

  webhooks: () => call<{ webhooks: WebhookInfo[] }>('GET', '/webhooks'),
  createWebhook: (body: CreateWebhookBody) => call<CreateWebhookReply>('POST', '/webhooks', body),
  deleteWebhook: (id: string) => call<void>('DELETE', `/webhooks/${enc(id)}`),
  testWebhook: (id: string) => call<{ delivery: DeliveryInfo }>('POST', `/webhooks/${enc(id)}/test`, {}),
  enableWebhook: (id: string) => call<WebhookInfo>('POST', `/webhooks/${enc(id)}/enable`, {}),
  deliveries: (id: string, limit = 50) =>
    call<{ deliveries: DeliveryInfo[] }>('GET', `/webhooks/${enc(id)}/deliveries?limit=${limit}`),

  domains: () => call<DomainListReply>('GET', '/domains'),
  addDomain: (name: string) => call<DomainInfo>('POST', '/domains', { name }),
  verifyDomain: (id: string) => call<DomainInfo>('POST', `/domains/${enc(id)}/verify`, {}),
  removeDomain: (id: string) => call<void>('DELETE', `/domains/${enc(id)}`),
  branding: () => call<BrandingReply>('GET', '/org/branding'),
  setBranding: (body: BrandingBody) => call<BrandingReply>('PUT', '/org/branding', body),
  setLogo: (logo: LogoBody) => call<BrandingReply>('PUT', '/org/branding/logo', logo),
  removeLogo: () => call<BrandingReply>('DELETE', '/org/branding/logo'),
};

/**
 * The download of the audit trail (`GET /api/v1/audit/export`), for a plain link: a navigation carries the
 * session cookie and needs no CSRF token. `params` from `exportParams` (audit-query.ts).
 */
export const auditExportUrl = (params: URLSearchParams): string => `/api/v1/audit/export?${params}`;

/** Where the identity provider's sign-in starts (a full-page navigation, not a fetch). */
export function oidcStartUrl(options: { invite?: string; returnTo: string }): string {
  const params = new URLSearchParams();
  if (options.invite) params.set('invite', options.invite);
  params.set('return_to', options.returnTo);
  return `/api/v1/auth/oidc/start?${params}`;
}

/**
 * The organisation's stored logo, as sanitised (`GET /api/v1/org/branding/logo`; 404 without one), for the
 * branding form's preview: a plain `<img>` source, which carries the session cookie. `version` (`logoVersion`
 * in branding-form.ts) only busts caches.
 */
export const orgLogoUrl = (version: number): string => `/api/v1/org/branding/logo?v=${version}`;
