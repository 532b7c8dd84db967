/// <reference types="chrome" />
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

/** The unpacked extension that `npm run build -w @burnlink/extension` writes. */
export const EXTENSION_DIST = path.resolve('packages/extension/dist');
export const EXTENSION_ZIP = path.resolve('packages/extension/burnlink-extension.zip');

export interface LoadedExtension {
  context: BrowserContext;
  id: string;
  worker: Worker;
}

/**
 * Debian's Chromium with the unpacked extension, in a fresh persistent profile (extensions load only in a
 * persistent context). `--headless=new` is the full browser without a window, which runs extensions; the
 * extension's id is the host of its service worker's URL.
 */
export async function launchWithExtension(): Promise<LoadedExtension> {
  if (!existsSync(path.join(EXTENSION_DIST, 'manifest.json'))) {
    throw new Error(`${EXTENSION_DIST} is missing: run npm run build first`);
  }
  const context = await chromium.launchPersistentContext(
    mkdtempSync(path.join(os.tmpdir(), 'burnlink-ext-')),
    {
      executablePath: process.env.BURNLINK_CHROMIUM ?? '/usr/bin/chromium',
      headless: false,
      locale: 'en-GB',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        `--disable-extensions-except=${EXTENSION_DIST}`,
        `--load-extension=${EXTENSION_DIST}`,
      ],
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, id: new URL(worker.url()).host };
}

/**
 * Allows the extension to reach `origin` the way a user does it on chrome://extensions ("Site access", "On
 * specific sites"). A test cannot answer Chrome's permission prompt (it is browser UI, not a page), so the
 * site is allowed first; the options page's `chrome.permissions.request` is then granted without a prompt,
 * as it is for a site the user allowed before.
 */
export async function allowSite(ext: LoadedExtension, origin: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    ([id, pattern]) =>
      // biome-ignore lint/suspicious/noExplicitAny: chrome.developerPrivate exists on chrome://extensions only.
      (globalThis as any).chrome.developerPrivate.addHostPermission(id, pattern) as Promise<void>,
    [ext.id, `${origin}/*`] as const,
  );
  await page.close();
}

/** The origins the extension may reach now (`chrome.permissions.getAll()`). */
export function grantedOrigins(ext: LoadedExtension): Promise<string[]> {
  return ext.worker.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);
}
