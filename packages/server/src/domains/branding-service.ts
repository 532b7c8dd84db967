import type { BrandingBody, LogoBody } from '@burnlink/wire';
import { callerOf, type Principal, requireScope } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { LifecycleEvents } from '../service/events.js';
import { BRANDING_LANGUAGES } from '../wire.js';
import type { DomainStore, StoredBranding, StoredLogo } from './domain-store.js';
import { sanitiseLogo } from './logo-sanitise.js';

export interface BrandingServiceDeps {
  /** `accounts.domains`. */
  store: DomainStore;
  events: LifecycleEvents;
  now: () => number;
}

/** An organisation's branding as its managers see it: the fields, the logo's type, and the last change. */
export interface BrandingView {
  branding: BrandingBody | null;
  logo: StoredLogo['type'] | null;
  /** The later of the branding's and the logo's last change; null when neither is set. */
  updatedAt: number | null;
}

const LANGUAGES: readonly string[] = BRANDING_LANGUAGES;
/** One @, no spaces or brackets, a dot in the domain: what a support address looks like, not RFC 5322. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What the organisation's branding routes do (`domains:manage`; docs/api.md, "Branding"): read and replace
 * the name, accent colour, support contact and default language, and set or remove the logo, which is
 * sanitised before it is stored (`logo-sanitise.ts`). Every change emits `branding.updated`.
 */
export class BrandingService {
  readonly #d: BrandingServiceDeps;

  constructor(deps: BrandingServiceDeps) {
    this.#d = deps;
  }

  async get(principal: Principal): Promise<BrandingView> {
    requireScope(principal, 'domains:manage');
    return this.#view(principal.orgId);
  }

  /** Replaces the branding after checking it (400 `invalid_request` naming the field). */
  async set(principal: Principal, body: BrandingBody): Promise<BrandingView> {
    requireScope(principal, 'domains:manage');
    const branding = validBranding(body);
    const at = this.#d.now();
    await this.#d.store.setBranding(principal.orgId, branding, at);
    this.#changed(principal, at);
    return this.#view(principal.orgId);
  }

  /** Stores the sanitised logo in place of any other (400 `invalid_logo` naming what is wrong). */
  async setLogo(principal: Principal, body: LogoBody): Promise<BrandingView> {
    requireScope(principal, 'domains:manage');
    const logo = await sanitiseLogo(body);
    if (!logo.ok) throw new ApiError('invalid_logo', logo.message);
    const at = this.#d.now();
    await this.#d.store.setLogo(principal.orgId, { type: logo.type, bytes: logo.bytes, updatedAt: at });
    this.#changed(principal, at);
    return this.#view(principal.orgId);
  }

  /** The stored (sanitised) logo, for the branding form's preview; null when there is none. */
  async logo(principal: Principal): Promise<StoredLogo | null> {
    requireScope(principal, 'domains:manage');
    return this.#d.store.getLogo(principal.orgId);
  }

  /** Removes the logo; removing none is not an error and changes nothing. */
  async removeLogo(principal: Principal): Promise<BrandingView> {
    requireScope(principal, 'domains:manage');
    if ((await this.#d.store.getLogo(principal.orgId)) !== null) {
      await this.#d.store.setLogo(principal.orgId, null);
      this.#changed(principal, this.#d.now());
    }
    return this.#view(principal.orgId);
  }

  #changed(principal: Principal, at: number): void {
    this.#d.events.emit({
      type: 'branding.updated',
      at,
      orgId: principal.orgId,
      caller: callerOf(principal),
    });
  }

  async #view(orgId: string): Promise<BrandingView> {
    const [stored, logo]: [StoredBranding | null, StoredLogo | null] = await Promise.all([
      this.#d.store.getBranding(orgId),
      this.#d.store.getLogo(orgId),
    ]);
    const times = [stored?.updatedAt, logo?.updatedAt].filter((t): t is number => t !== undefined);
    return {
      branding: stored?.branding ?? null,
      logo: logo?.type ?? null,
      updatedAt: times.length === 0 ? null : Math.max(...times),
    };
  }
}

/** What each branding field must be: the message of a 400 `invalid_request` about it. */
export const BRANDING_RULES: Readonly<Record<keyof BrandingBody, string>> = {
  name: 'name must be 1 to 80 characters, not blank, without control characters or line breaks.',
  accent: 'accent must be a colour as #rrggbb, or null.',
  support:
    'support must be an email address (help@example.com) or an https:// URL, at most 200 characters, or null.',
  language: `language must be one of ${BRANDING_LANGUAGES.join(', ')}, or null.`,
};

/** The branding as stored: name trimmed, accent in lower case, support and language checked. */
export function validBranding(body: BrandingBody): BrandingBody {
  const invalid = (field: keyof BrandingBody) => new ApiError('invalid_request', BRANDING_RULES[field]);
  const name = body.name.trim();
  if (name === '' || CONTROL.test(name)) throw invalid('name');
  const support = body.support === null ? null : body.support.trim();
  if (support !== null && !isSupportContact(support)) throw invalid('support');
  if (body.language !== null && !LANGUAGES.includes(body.language)) throw invalid('language');
  if (body.accent !== null && !/^#[0-9a-fA-F]{6}$/.test(body.accent)) throw invalid('accent');
  return { name, accent: body.accent?.toLowerCase() ?? null, support, language: body.language };
}

function isSupportContact(text: string): boolean {
  if (text === '' || CONTROL.test(text)) return false;
  if (EMAIL.test(text)) return true;
  if (!/^https:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
