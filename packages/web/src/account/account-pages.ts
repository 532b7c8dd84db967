import type { ComponentType } from 'preact';
import { ReceiptPage } from '../pages/receipt-page.js';
import { REQUEST_PAGES } from '../requests/request-pages.js';
import type { AccountPage, LazyPage } from '../route.js';
import { AuditPage } from './pages/audit-page.js';
import { DashboardPage } from './pages/dashboard-page.js';
import { DomainsPage } from './pages/domains-page.js';
import { JoinPage } from './pages/join-page.js';
import { PolicyPage } from './pages/policy-page.js';
import { SettingsPage } from './pages/settings-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { WebhooksPage } from './pages/webhooks-page.js';

/**
 * The account pages, and the create page's account line: one lazy chunk, never part of the first load. Its
 * own lazy parts are the locale's messages and, when a passkey ceremony starts, `@simplewebauthn/browser`.
 * (One chunk rather than one per page: with several lazy chunks sharing modules, the bundler cut the first
 * load's own code into three chunks, 2 KB more gzipped.)
 */
export const ACCOUNT_PAGES: Record<AccountPage, ComponentType> = {
  'sign-in': SignInPage,
  join: JoinPage,
  dashboard: DashboardPage,
  settings: SettingsPage,
  audit: AuditPage,
  webhooks: WebhooksPage,
  policy: PolicyPage,
  domains: DomainsPage,
};

/**
 * Every lazily loaded page by its route: the account pages, the request-a-secret pages (`requests/`) and a
 * secret's receipt page — they ride here for the same reason as the restrictions below, and the receipt page
 * left the first load to make room for the request pages' way in. `param` is the id or receipt from the path.
 */
export const LAZY_PAGES: Record<LazyPage, ComponentType<{ param?: string }>> = {
  ...ACCOUNT_PAGES,
  ...REQUEST_PAGES,
  receipt: ReceiptPage,
};

// The create page's restrictions and password generator, the reveal page's verification step and a revealed
// secret's file list ride in this chunk too, for the same reason: a second lazy chunk using preact's hooks moves
// preact out of the first load's chunk. (The generator and the file list are here to keep the first load within
// its budget: each is needed only after a click.)
export { generatePassword } from '@burnlink/core';
export { FileDownloads } from '../components/file-downloads.js';
export { PasswordOptions } from '../components/password-options.js';
export { PassphraseRule, RestrictionsPanel } from '../restrictions/create-panel.js';
export { explains, RevealRestrictions } from '../restrictions/reveal-step.js';
export { CreateAccountExtras } from './create-extras.js';
