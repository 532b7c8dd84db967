import { render } from 'preact';
import { App } from './app.js';
import { applyDocumentLocale, coreMessages, createI18n, initialLocale } from './i18n/i18n.js';
import { pickLocale } from './i18n/locales.js';
import { en } from './i18n/messages/en.js';
import './styles.css';
import { applyTheme, savedTheme } from './theme.js';

// The remembered theme first, before anything renders or awaits, so a dark choice never flashes light.
applyTheme(savedTheme());

// The active locale's chunk loads before the first render, so no page flashes in English first; if it cannot
// load (offline), the page is in English (always in this chunk).
const wanted = initialLocale(pickLocale);
const i18n = await coreMessages.load(wanted).then(
  (messages) => createI18n(wanted, messages),
  () => createI18n('en', en),
);
applyDocumentLocale(i18n.locale);
render(<App initial={i18n} />, document.getElementById('app')!);
