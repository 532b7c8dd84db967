import { supportLink } from '../../branding.js';
import { isShippedLocale } from '../../i18n/locales.js';
import type { BrandingBody, BrandingReply } from '../account-types.js';
import type { DomainKey } from './messages/en.js';

/** The branding form's fields as typed: empty text means "none". */
export interface BrandingForm {
  name: string;
  accent: string;
  support: string;
  /** A shipped locale, or '' for the visitor's browser language. */
  language: string;
}

export type BrandingField = 'name' | 'accent' | 'support';

export type BrandingParse =
  | { ok: true; body: BrandingBody }
  | { ok: false; field: BrandingField; problem: DomainKey };

/** burnlink's own accent (light theme), shown in the colour picker while no accent is set. */
export const DEFAULT_ACCENT = '#b53a08';

/** The form for what the server holds; a new organisation starts with its own name. */
export function toBrandingForm(reply: BrandingReply, orgName: string): BrandingForm {
  const branding = reply.branding;
  return {
    name: branding?.name ?? orgName,
    accent: branding?.accent ?? '',
    support: branding?.support ?? '',
    language: branding?.language ?? '',
  };
}

/**
 * The version of the stored logo for its URL (`orgLogoUrl`), from `updated_at`, which every change moves on, so
 * the browser never shows a replaced logo from its cache; null without a logo.
 */
export function logoVersion(reply: BrandingReply): number | null {
  if (!reply.logo) return null;
  const at = reply.updated_at === null ? Number.NaN : Date.parse(reply.updated_at);
  return Number.isFinite(at) ? at : 0;
}

/**
 * The body of `PUT /api/v1/org/branding`, or the first field that is wrong and why: a name of 1–80 characters,
 * an accent `#rrggbb` (or none), a support contact that is an email address or an https:// URL (or none) — the
 * same rule the branded pages use to link it.
 */
export function fromBrandingForm(form: BrandingForm): BrandingParse {
  const name = form.name.trim();
  if (!name || name.length > 80) return { ok: false, field: 'name', problem: 'errName' };
  const accent = form.accent.trim();
  if (accent && !/^#[0-9a-f]{6}$/i.test(accent)) return { ok: false, field: 'accent', problem: 'errAccent' };
  const support = form.support.trim();
  if (support && (support.length > 200 || !supportLink(support)))
    return { ok: false, field: 'support', problem: 'errSupport' };
  return {
    ok: true,
    body: {
      name,
      accent: accent ? accent.toLowerCase() : null,
      support: support || null,
      language: isShippedLocale(form.language) ? form.language : null,
    },
  };
}
