import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests (e2e/) against the real, built server (`npm run build` first), driving Debian's Chromium —
 * never a downloaded browser. Without Chromium the suite is skipped with a loud line, except in CI where it
 * fails. The worker processes re-read this file, so per-run values travel through the environment.
 */
const chromium = process.env.BURNLINK_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) {
  if (process.env.CI === 'true')
    throw new Error(`Chromium not found at ${chromium}: the browser suite must run in CI`);
  if (!process.env.BURNLINK_E2E_WARNED) {
    console.warn(
      `\n!!! ${chromium} is missing: SKIPPING every browser test (apt-get install -y chromium) !!!\n`,
    );
    process.env.BURNLINK_E2E_WARNED = '1';
  }
}
process.env.BURNLINK_E2E_HAS_CHROMIUM = hasChromium ? '1' : '0';
// A port per run (not 8080) so that parallel runs on one machine do not collide.
process.env.BURNLINK_E2E_PORT ??= String(18000 + (process.pid % 2000));
process.env.BURNLINK_E2E_DATA ??= mkdtempSync(path.join(os.tmpdir(), 'burnlink-e2e-'));
const port = Number(process.env.BURNLINK_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
  },
  webServer: hasChromium
    ? {
        command: 'node packages/server/dist/main.js',
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        timeout: 30_000,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          BURNLINK_PORT: String(port),
          BURNLINK_HOST: '127.0.0.1',
          BURNLINK_STORE: `sqlite:${path.join(process.env.BURNLINK_E2E_DATA, 'e2e.db')}`,
          BURNLINK_DATA_DIR: process.env.BURNLINK_E2E_DATA,
          BURNLINK_RATE_LIMITS: 'off',
          BURNLINK_WEB_DIR: 'packages/web/dist',
          BURNLINK_LOG_LEVEL: 'warn',
          // The webhook tests deliver to a receiver of their own on 127.0.0.1 (refused by default: SSRF guard).
          BURNLINK_WEBHOOK_ALLOW_PRIVATE: 'on',
        },
      }
    : undefined,
});
