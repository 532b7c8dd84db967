import { render } from 'preact';
import { App } from './app.js';
import { applyAccent, readHostBranding } from './branding.js';
import { setSiteName } from './hooks.js';
import { applyDocumentLocale, coreMessages, createI18n, initialLocale } from './i18n/i18n.js';
import { pickLocale } from './i18n/locales.js';
import { en } from './i18n/messages/en.js';
import { fetchHostBranding } from './sdk-client.js';
import './styles.css';
import { applyTheme, savedTheme } from './theme.js';

// The remembered theme first, before anything renders or awaits, so a dark choice never flashes light.
applyTheme(savedTheme());

// On an organisation's custom domain, its branding (`branding.ts`) is read before the first render, so no page
// flashes burnlink's look first; meanwhile the language the visitor would get without it is already loading.
const branding = fetchHostBranding().then(readHostBranding);
void coreMessages.load(initialLocale(pickLocale)).catch(() => undefined);
const brand = await branding;
if (brand) {
  applyAccent(document.documentElement, brand.accent);
  setSiteName(brand.name);
}

// The active locale's chunk loads before the first render, so no page flashes in English first; if it cannot
// load (offline), the page is in English (always in this chunk). A branded page's default language comes before
// the browser's languages, never before a choice made with the switch or `?lang=`.
const wanted = initialLocale((preferred) => brand?.language ?? pickLocale(preferred));
const i18n = await coreMessages.load(wanted).then(
  (messages) => createI18n(wanted, messages),
  () => createI18n('en', en),
);
applyDocumentLocale(i18n.locale);
render(<App initial={i18n} branding={brand} />, document.getElementById('app')!);
