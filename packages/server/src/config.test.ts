import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_CONTENT_BYTES } from '@burnlink/core';
import { describe, expect, test } from 'vitest';
import { CIPHERTEXT_ALLOWANCE_BYTES, ConfigError, loadConfig } from './config.js';
import { sqliteWriterThread } from './config-parsers.js';
import { CONFIG_VARIABLES, defaultKdfConcurrency } from './config-variables.js';

const fails = (env: Record<string, string>, variable: string, message: RegExp) => {
  let error: unknown;
  try {
    loadConfig(env);
  } catch (e) {
    error = e;
  }
  expect(error, JSON.stringify(env)).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).variable).toBe(variable);
  expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: `));
  expect((error as ConfigError).message).toMatch(message);
};

describe('loadConfig', () => {
  test('defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: null,
      dataDir: path.resolve('data'),
      storeUrl: 'sqlite:',
      ttl: { minSeconds: 60, maxSeconds: 2_592_000, defaultSeconds: 86_400 },
      maxViews: 100,
      maxAttempts: 5,
      maxContentBytes: 262_144,
      receiptRetentionMs: 7 * 86_400_000,
      sweepIntervalMs: 60_000,
      serverEncryption: true,
      keyClaim: true,
      kdf: { maxIterations: 600_000, concurrency: defaultKdfConcurrency(os.availableParallelism()) },
      rateLimits: {
        create: { max: 60, windowMs: 60_000 },
        claim: { max: 120, windowMs: 60_000 },
        lookups: { max: 30, windowMs: 60_000 },
      },
      trustProxy: false,
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      sqliteWriter: 'auto',
    });
    expect(config.ttl.choicesSeconds).toEqual([300, 3600, 14400, 86400, 259200, 604800, 2592000]);
    // Beside the server package, found from the module's own location rather than the working directory.
    expect(config.webDir).toBe(fileURLToPath(new URL('../../web/dist', import.meta.url)));
    // Core's default is a limit on the text (plaintext); the ciphertext limit is derived from it.
    expect(config.maxContentBytes).toBe(DEFAULT_MAX_CONTENT_BYTES);
    expect(config.maxCiphertextBytes).toBe(DEFAULT_MAX_CONTENT_BYTES + CIPHERTEXT_ALLOWANCE_BYTES);
    expect(config.bodyLimitBytes).toBeGreaterThan((config.maxCiphertextBytes * 4) / 3);
  });

  test('values in their units', () => {
    const config = loadConfig({
      BURNLINK_PORT: '0',
      BURNLINK_PUBLIC_URL: 'https://secrets.example.com/',
      BURNLINK_STORE: 'memory:',
      BURNLINK_TTL_MIN: '5m',
      BURNLINK_TTL_MAX: '2d',
      BURNLINK_TTL_DEFAULT: '1h',
      BURNLINK_TTL_CHOICES: '5m, 1h,1d',
      BURNLINK_MAX_CONTENT_BYTES: '1MiB',
      BURNLINK_RECEIPT_RETENTION: '1d',
      BURNLINK_SERVER_ENCRYPTION: 'off',
      BURNLINK_KEY_CLAIM: 'false',
      BURNLINK_KDF_MAX_ITERATIONS: '200000',
      BURNLINK_KDF_CONCURRENCY: '1',
      BURNLINK_RATE_LIMITS: 'create=10/min,lookups=5/10s',
      BURNLINK_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback',
      BURNLINK_LOG_LEVEL: 'WARN',
    });
    expect(config).toMatchObject({
      port: 0,
      publicUrl: 'https://secrets.example.com',
      storeUrl: 'memory:',
      ttl: { minSeconds: 300, maxSeconds: 172_800, defaultSeconds: 3600, choicesSeconds: [300, 3600, 86400] },
      maxContentBytes: 1_048_576,
      receiptRetentionMs: 86_400_000,
      serverEncryption: false,
      keyClaim: false,
      kdf: { maxIterations: 200_000, concurrency: 1 },
      rateLimits: {
        create: { max: 10, windowMs: 60_000 },
        claim: { max: 120, windowMs: 60_000 },
        lookups: { max: 5, windowMs: 10_000 },
      },
      trustProxy: ['10.0.0.0/8', '127.0.0.1', 'loopback'],
      logLevel: 'warn',
    });
    // A directory that is set is the operator's: relative to the working directory, like BURNLINK_DATA_DIR.
    expect(loadConfig({ BURNLINK_WEB_DIR: 'site/web' }).webDir).toBe(path.resolve('site/web'));
    expect(loadConfig({ BURNLINK_DATA_DIR: 'var/x' }).dataDir).toBe(path.resolve('var/x'));
    expect(loadConfig({ BURNLINK_RATE_LIMITS: 'off' }).rateLimits).toBeNull();
    expect(loadConfig({}).files.uploadBudget).toEqual({ bytes: 10 * 2 ** 30, windowMs: 3_600_000 });
    expect(loadConfig({ BURNLINK_UPLOAD_BUDGET: '500MiB/10m' }).files.uploadBudget).toEqual({
      bytes: 500 * 2 ** 20,
      windowMs: 600_000,
    });
    expect(loadConfig({ BURNLINK_UPLOAD_BUDGET: 'off' }).files.uploadBudget).toBeNull();
    expect(loadConfig({ BURNLINK_UPLOAD_STALE_AFTER: '2h' }).files.uploadStaleAfterMs).toBe(7_200_000);
    expect(loadConfig({ BURNLINK_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ BURNLINK_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ BURNLINK_SQLITE_WRITER: 'Inline' }).sqliteWriter).toBe('inline');
    // Default choices outside narrowed bounds are dropped rather than rejected.
    expect(loadConfig({ BURNLINK_TTL_MAX: '1d' }).ttl.choicesSeconds).toEqual([300, 3600, 14400, 86400]);
  });

  test('the SQLite writer thread runs when asked, or with auto on more than 2 CPUs', () => {
    expect([1, 2, 3, 8].map((cpus) => sqliteWriterThread('auto', cpus))).toEqual([false, false, true, true]);
    expect(sqliteWriterThread('thread', 1)).toBe(true);
    expect(sqliteWriterThread('inline', 16)).toBe(false);
  });

  test('defaults that follow other variables', () => {
    expect(loadConfig({}).files).toMatchObject({
      blobStoreUrl: 'fs:',
      maxFileBytes: 1024 ** 3,
      maxSecretBytes: 1024 ** 3,
    });
    expect(loadConfig({ BURNLINK_STORE: 'memory' }).files.blobStoreUrl).toBe('memory:');
    expect(loadConfig({ BURNLINK_MAX_SECRET_SIZE: '10MiB' }).files.maxFileBytes).toBe(10 * 1024 ** 2);
    // The built-in default lifetime is moved into narrowed bounds, and always offered.
    expect(loadConfig({ BURNLINK_TTL_MAX: '1h' }).ttl).toMatchObject({ defaultSeconds: 3600 });
    expect(loadConfig({ BURNLINK_TTL_MIN: '2d' }).ttl).toEqual({
      minSeconds: 172_800,
      maxSeconds: 2_592_000,
      defaultSeconds: 172_800,
      choicesSeconds: [172_800, 259_200, 604_800, 2_592_000],
    });
    expect(loadConfig({ BURNLINK_TTL_CHOICES: '1h', BURNLINK_TTL_DEFAULT: '5m' }).ttl.choicesSeconds).toEqual(
      [300, 3600],
    );
  });

  test('BURNLINK_MODE=ephemeral: every store in memory, no audit trail, syslog off', () => {
    expect(loadConfig({}).mode).toBe('standard');
    const config = loadConfig({ BURNLINK_MODE: 'Ephemeral' });
    expect(config).toMatchObject({
      mode: 'ephemeral',
      storeUrl: 'memory:',
      files: { blobStoreUrl: 'memory:' },
      accounts: { storeUrl: 'memory:' },
      audit: { enabled: false, syslog: null },
    });
    // Standard mode keeps its defaults.
    expect(loadConfig({ BURNLINK_MODE: 'standard' })).toMatchObject({
      mode: 'standard',
      storeUrl: 'sqlite:',
      files: { blobStoreUrl: 'fs:' },
      accounts: { storeUrl: 'sqlite:accounts.db' },
      audit: { enabled: true },
    });
    // Setting what the mode sets, to the value it sets, agrees with it.
    const agreeing = loadConfig({
      BURNLINK_MODE: 'ephemeral',
      BURNLINK_STORE: 'memory',
      BURNLINK_BLOB_STORE: 'memory:',
      BURNLINK_ACCOUNTS_STORE: 'memory:',
      BURNLINK_AUDIT: 'off',
      BURNLINK_AUDIT_SYSLOG: 'off',
    });
    expect(agreeing).toEqual(config);
  });

  test('ephemeral mode refuses a variable set against it, naming both', () => {
    const conflicts: [string, string][] = [
      ['BURNLINK_STORE', 'sqlite:'],
      ['BURNLINK_STORE', 'redis://127.0.0.1:6379'],
      ['BURNLINK_BLOB_STORE', 'fs:'],
      ['BURNLINK_ACCOUNTS_STORE', 'sqlite:accounts.db'],
      ['BURNLINK_AUDIT', 'on'],
      ['BURNLINK_AUDIT_SYSLOG', 'tcp://127.0.0.1:6514'],
    ];
    for (const [name, value] of conflicts) {
      fails({ BURNLINK_MODE: 'ephemeral', [name]: value }, name, /conflicts with BURNLINK_MODE=ephemeral/);
      // The same value is fine in standard mode.
      expect(() => loadConfig({ [name]: value })).not.toThrow();
    }
    // A URL's credentials never reach the message.
    fails(
      { BURNLINK_MODE: 'ephemeral', BURNLINK_STORE: 'postgres://burnlink:pw-marker@db/burnlink' },
      'BURNLINK_STORE',
      /^BURNLINK_STORE: conflicts with BURNLINK_MODE=ephemeral, which keeps secrets in memory only \(memory:\); unset one of the two$/,
    );
    fails({ BURNLINK_MODE: 'lite' }, 'BURNLINK_MODE', /"lite" is not one of standard, ephemeral/);
  });

  test('every bad value names its variable and what is allowed', () => {
    fails({ BURNLINK_PORT: '70000' }, 'BURNLINK_PORT', /from 0 to 65535/);
    fails({ BURNLINK_PORT: 'http' }, 'BURNLINK_PORT', /whole number/);
    fails({ BURNLINK_PUBLIC_URL: 'secrets.example.com' }, 'BURNLINK_PUBLIC_URL', /http\(s\) origin/);
    fails({ BURNLINK_PUBLIC_URL: 'https://x.test/app' }, 'BURNLINK_PUBLIC_URL', /no path/);
    fails({ BURNLINK_STORE: 'mysql://db' }, 'BURNLINK_STORE', /sqlite:.*memory:/);
    fails({ BURNLINK_STORE: 'mongodb://user:pw@db' }, 'BURNLINK_STORE', /\/\/\*\*\*@db/);
    fails({ BURNLINK_TTL_DEFAULT: '31d' }, 'BURNLINK_TTL_DEFAULT', /from 60 \(1m\) to 2592000 \(30d\)/);
    fails({ BURNLINK_TTL_MIN: 'soon' }, 'BURNLINK_TTL_MIN', /duration such as/);
    fails(
      { BURNLINK_TTL_MIN: '1h', BURNLINK_TTL_MAX: '5m' },
      'BURNLINK_TTL_MAX',
      /at least BURNLINK_TTL_MIN/,
    );
    fails({ BURNLINK_TTL_CHOICES: '5m,60d' }, 'BURNLINK_TTL_CHOICES', /outside the allowed range/);
    fails({ BURNLINK_MAX_VIEWS: '0' }, 'BURNLINK_MAX_VIEWS', /from 1 to/);
    fails({ BURNLINK_MAX_ATTEMPTS: 'five' }, 'BURNLINK_MAX_ATTEMPTS', /whole number from 1 to 100/);
    fails({ BURNLINK_KDF_MAX_ITERATIONS: '99999' }, 'BURNLINK_KDF_MAX_ITERATIONS', /from 100000 to 10000000/);
    expect([1, 2, 3, 4, 8].map(defaultKdfConcurrency)).toEqual([1, 1, 2, 3, 3]);
    fails({ BURNLINK_KDF_CONCURRENCY: '0' }, 'BURNLINK_KDF_CONCURRENCY', /from 1 to 256/);
    fails({ BURNLINK_MAX_CONTENT_BYTES: '10' }, 'BURNLINK_MAX_CONTENT_BYTES', /from 1KiB to 64MiB/);
    fails({ BURNLINK_MAX_CONTENT_BYTES: 'big' }, 'BURNLINK_MAX_CONTENT_BYTES', /size such as/);
    fails({ BURNLINK_RECEIPT_RETENTION: '2y' }, 'BURNLINK_RECEIPT_RETENTION', /duration such as/);
    fails({ BURNLINK_SWEEP_INTERVAL: '10ms' }, 'BURNLINK_SWEEP_INTERVAL', /from 1s to 1d/);
    fails({ BURNLINK_SERVER_ENCRYPTION: 'maybe' }, 'BURNLINK_SERVER_ENCRYPTION', /on or off/);
    fails({ BURNLINK_KEY_CLAIM: '2' }, 'BURNLINK_KEY_CLAIM', /on or off/);
    fails({ BURNLINK_RATE_LIMITS: 'create=ten/min' }, 'BURNLINK_RATE_LIMITS', /BUCKET=COUNT\/WINDOW/);
    fails({ BURNLINK_RATE_LIMITS: 'reads=1/min' }, 'BURNLINK_RATE_LIMITS', /create, claim or lookups/);
    fails({ BURNLINK_RATE_LIMITS: 'create=1/fortnight' }, 'BURNLINK_RATE_LIMITS', /unknown window/);
    fails({ BURNLINK_UPLOAD_BUDGET: '10GiB' }, 'BURNLINK_UPLOAD_BUDGET', /SIZE\/WINDOW/);
    fails({ BURNLINK_UPLOAD_BUDGET: '10/1h' }, 'BURNLINK_UPLOAD_BUDGET', /1KiB to 1TiB/);
    fails({ BURNLINK_UPLOAD_STALE_AFTER: '10s' }, 'BURNLINK_UPLOAD_STALE_AFTER', /from/);
    fails({ BURNLINK_TRUST_PROXY: 'proxy.local' }, 'BURNLINK_TRUST_PROXY', /hop count/);
    fails({ BURNLINK_TRUST_PROXY: '10.0.0.0/40' }, 'BURNLINK_TRUST_PROXY', /CIDR/);
    fails({ BURNLINK_LOG_LEVEL: 'loud' }, 'BURNLINK_LOG_LEVEL', /info/);
    fails({ BURNLINK_SQLITE_WRITER: 'both' }, 'BURNLINK_SQLITE_WRITER', /auto, thread, inline/);
    fails({ BURNLINK_SHUTDOWN_TIMEOUT: 'never' }, 'BURNLINK_SHUTDOWN_TIMEOUT', /duration/);
    fails({ BURNLINK_TTL_MIN: '0' }, 'BURNLINK_TTL_MIN', /at least 1s/);
    fails(
      { BURNLINK_BLOB_STORE: 's3://u:pw@bucket' },
      'BURNLINK_BLOB_STORE',
      /"s3:\/\/\*\*\*@bucket" .*fs:PATH/,
    );
    fails({ BURNLINK_MAX_SECRET_SIZE: '0' }, 'BURNLINK_MAX_SECRET_SIZE', /from 1 byte to 1PiB/);
    fails(
      { BURNLINK_MAX_SECRET_SIZE: '1MiB', BURNLINK_MAX_FILE_SIZE: '2MiB' },
      'BURNLINK_MAX_FILE_SIZE',
      /not be above BURNLINK_MAX_SECRET_SIZE \(1048576 bytes\)/,
    );
    fails({ BURNLINK_MAX_FILES: '1001' }, 'BURNLINK_MAX_FILES', /from 0 to 1000/);
    fails({ BURNLINK_DOWNLOAD_GRANT_TTL: '8d' }, 'BURNLINK_DOWNLOAD_GRANT_TTL', /from 1m to 1w/);
    fails({ BURNLINK_RATE_LIMITS: 'create=0/min' }, 'BURNLINK_RATE_LIMITS', /at least 1 request per 1s/);
    // With several bad variables, the first in the documented order is named.
    fails({ BURNLINK_LOG_LEVEL: 'loud', BURNLINK_PORT: 'x' }, 'BURNLINK_PORT', /whole number/);
  });

  test('a bad value of a credential is refused without quoting it', () => {
    const secrets = CONFIG_VARIABLES.filter((variable) => variable.secret === true);
    expect(secrets.map((variable) => variable.name)).toContain('BURNLINK_SLACK_SIGNING_SECRET');
    for (const variable of secrets) {
      for (const bad of ['s3cr3t marker', 's3cr3t', 'smtp://user:s3cr3t@', 'ftp://u:s3cr3t@host']) {
        try {
          loadConfig({ [variable.name]: bad });
        } catch (error) {
          expect((error as Error).message).not.toContain('s3cr3t');
        }
      }
    }
  });
});
