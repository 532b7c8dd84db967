import { useEffect, useRef, useState } from 'preact/hooks';
import type { Branding } from './branding.js';
import { LazyAccountPage } from './components/lazy-account-page.js';
import { useDocumentTitle } from './hooks.js';
import {
  applyDocumentLocale,
  coreMessages,
  createI18n,
  type I18n,
  I18nContext,
  rememberLocale,
  useI18n,
} from './i18n/i18n.js';
import { isPseudoLocale, isShippedLocale, LOCALES, localeInfo } from './i18n/locales.js';
import { type CreatedSecret, CreatePage } from './pages/create-page.js';
import { RevealPage } from './pages/reveal-page.js';
import { SharePage } from './pages/share-page.js';
import { type Route, route } from './route.js';
import { chooseTheme, savedTheme, THEMES } from './theme.js';

const THEME_LABEL = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const;

/**
 * The app, in the locale `main.tsx` loaded before the first render; on an organisation's custom domain with its
 * `branding` (name and logo in the header, support contact in the footer; its accent is set on `<html>`).
 */
export function App({ initial, branding = null }: { initial: I18n; branding?: Branding | null }) {
  const [i18n, setI18n] = useState(initial);
  const [current] = useState(() => route(location.pathname));
  const [theme, setTheme] = useState(savedTheme);
  const switching = useRef(0);
  const { t, locale } = i18n;

  useEffect(() => applyDocumentLocale(locale), [locale]);

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class={branding ? 'site-header branded' : 'site-header'}>
        {branding ? (
          <a class="brand" href="/">
            {/* The logo's text alternative is the name; the name beside it is then not read twice. */}
            {branding.logoUrl && <img class="brand-logo" src={branding.logoUrl} alt={branding.name} />}
            <span aria-hidden={branding.logoUrl ? 'true' : undefined}>{branding.name}</span>
          </a>
        ) : (
          <a class="brand" href="/">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>burnlink</span>
          </a>
        )}
        <div class="preferences">
          <label for="language">{t('language')}</label>
          <select
            id="language"
            value={locale}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (!isShippedLocale(next)) return;
              // The last choice wins when chunks arrive out of order; offline, the page stays as it is.
              const turn = ++switching.current;
              coreMessages.load(next).then(
                (messages) => {
                  if (turn !== switching.current) return;
                  rememberLocale(next);
                  setI18n(createI18n(next, messages));
                },
                () => {},
              );
            }}
          >
            {Object.entries(LOCALES).map(([code, { name, dir }]) => (
              <option key={code} value={code} lang={code} dir={dir}>
                {name}
              </option>
            ))}
            {isPseudoLocale(locale) && (
              <option value={locale} lang={locale}>
                {localeInfo(locale).name}
              </option>
            )}
          </select>
          <label for="theme">{t('theme')}</label>
          <select
            id="theme"
            value={theme}
            onChange={(e) => {
              const next = THEMES.find((name) => name === e.currentTarget.value);
              if (!next) return;
              chooseTheme(next);
              setTheme(next);
            }}
          >
            {THEMES.map((name) => (
              <option key={name} value={name}>
                {t(THEME_LABEL[name])}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main id="main">
        <Page route={current} />
      </main>
      <footer class="site-footer">
        {branding?.support && (
          <p class="brand-support">
            {t('brandSupport')}{' '}
            <a href={branding.support.href} dir="ltr">
              {branding.support.text}
            </a>
          </p>
        )}
        <p>{t('tagline')}</p>
        <p>{t('footer')}</p>
      </footer>
    </I18nContext.Provider>
  );
}

function Page({ route: current }: { route: Route }) {
  switch (current.page) {
    case 'create':
      return <CreateFlow />;
    case 'reveal':
      return <RevealPage id={current.id} />;
    case 'receipt':
      return <LazyAccountPage page="receipt" param={current.receipt} />;
    case 'sign-in':
    case 'join':
    case 'dashboard':
    case 'settings':
    case 'audit':
    case 'webhooks':
    case 'policy':
    case 'domains':
      return <LazyAccountPage page={current.page} />;
    case 'request':
    case 'respond':
    case 'inbox':
    case 'request-receipt':
      return <LazyAccountPage page={current.page} param={current.param} />;
    case 'none':
      return <NotFound />;
  }
}

function CreateFlow() {
  const [created, setCreated] = useState<CreatedSecret | null>(null);
  return created ? (
    <SharePage created={created} onDone={() => setCreated(null)} />
  ) : (
    <CreatePage onCreated={setCreated} />
  );
}

function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('notFoundTitle'));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('notFoundTitle')}</h1>
      <p>
        <a href="/">{t('backHome')}</a>
      </p>
    </section>
  );
}
