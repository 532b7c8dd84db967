import type { HostBrandingReply } from '@burnlink/wire';
import { isShippedLocale, type ShippedLocale } from './i18n/locales.js';

/**
 * The branding of the page being served (`GET /api/v1/branding`): on an organisation's verified custom domain
 * its name, logo, accent colour, support contact and default language; on the main host none. Read once at
 * start-up (`main.tsx`), before the first render. Whatever is malformed is left out, and an answer that is not
 * the API's (an older server's 404, a network error) means no branding: the page then looks like burnlink's own,
 * never like another organisation's.
 */
export interface Branding {
  name: string;
  /** `#rrggbb`, or null for burnlink's own. */
  accent: string | null;
  support: SupportLink | null;
  language: ShippedLocale | null;
  /** A path on this origin, or null. */
  logoUrl: string | null;
}

export interface SupportLink {
  /** `mailto:…` or an `https:` URL. */
  href: string;
  /** The contact as the organisation wrote it. */
  text: string;
}

const ACCENT = /^#[0-9a-f]{6}$/i;
// One address, no spaces or angle brackets; a mailto: link needs nothing more.
const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** An email address (→ `mailto:`) or an https:// URL as a link; anything else null. */
export function supportLink(contact: string): SupportLink | null {
  const text = contact.trim();
  if (EMAIL.test(text)) return { href: `mailto:${text}`, text };
  if (!/^https:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname ? { href: url.href, text } : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The branding in an answer of `GET /api/v1/branding`, or null for none (a main host, or anything malformed). */
export function readHostBranding(reply: unknown): Branding | null {
  const branding = (reply as HostBrandingReply | null | undefined)?.branding;
  if (!branding || typeof branding !== 'object') return null;
  const name = str(branding.name)?.trim();
  if (!name) return null;
  const accent = str(branding.accent);
  const support = str(branding.support);
  const language = str(branding.language);
  const logo = str(branding.logo_url);
  return {
    name,
    accent: accent && ACCENT.test(accent) ? accent.toLowerCase() : null,
    support: support ? supportLink(support) : null,
    language: isShippedLocale(language) ? language : null,
    // Same origin only: a path, never `//host/…` (which would leave this origin) nor a backslash variant of it.
    logoUrl: logo && /^\/(?![/\\])/.test(logo) ? logo : null,
  };
}

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The text colour on an accent background: white or black, whichever contrasts more. */
export function accentTextColour(accent: string): '#ffffff' | '#000000' {
  const l = luminance(accent);
  return (1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000') as '#ffffff' | '#000000';
}

/**
 * Sets (or, for null, removes) the accent on `element` as the custom properties `--accent` and `--accent-text`,
 * through the CSSOM: the CSP (`style-src 'self'`) refuses style attributes written into markup, not this.
 */
export function applyAccent(element: HTMLElement, accent: string | null): void {
  if (accent && ACCENT.test(accent)) {
    element.style.setProperty('--accent', accent);
    element.style.setProperty('--accent-text', accentTextColour(accent));
  } else {
    element.style.removeProperty('--accent');
    element.style.removeProperty('--accent-text');
  }
}
