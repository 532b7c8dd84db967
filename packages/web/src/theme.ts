/**
 * The colour theme: `system` follows `prefers-color-scheme` (CSS `color-scheme: light dark`), `light` and `dark`
 * are the switch's choices, set as `<html data-theme>` (styles.css). `main.tsx` applies the remembered choice
 * before anything renders — no inline script, which the CSP forbids. localStorage holds `burnlink.theme` (only
 * `light` or `dark`; `system` removes it) and `burnlink.language`, nothing else.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'burnlink.theme';

const isTheme = (value: unknown): value is Theme => THEMES.includes(value as Theme);

/** The remembered choice, else `system` (also when storage is disabled). */
export function savedTheme(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isTheme(saved)) return saved;
  } catch {
    // Storage can be disabled: the system's theme.
  }
  return 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

/** Applies a choice from the switch and remembers it (`system` forgets the choice). */
export function chooseTheme(theme: Theme): void {
  applyTheme(theme);
  try {
    if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Not remembered when storage is disabled; the switch still works for this page.
  }
}
