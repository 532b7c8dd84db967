import { Writable } from 'node:stream';
import {
  deriveAccess,
  fromBase64Url,
  KDF_MIN_ITERATIONS,
  type KdfParams,
  openSecret,
  randomBytes,
  sealSecret,
  toBase64Url,
} from '@burnlink/core';
import type { FastifyInstance } from 'fastify';
import type { AccountsStore } from '../../src/accounts/accounts-store.js';
import { buildApp } from '../../src/app.js';
import type { BlobStore } from '../../src/blobs/blob-store.js';
import { loadConfig, type ServerConfig } from '../../src/config.js';
import type { ServerDerivations } from '../../src/server-envelope.js';
import type { DiskSpaceProbe } from '../../src/service/disk-space.js';
import type { LifecycleEvents } from '../../src/service/events.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import type { SecretAndRequestStore } from '../../src/stores/request-store.js';
import type { WebhookOptions } from '../../src/webhooks/start-webhooks.js';

/** A fixed start time, so that expiry tests move a clock instead of waiting. */
export const T0 = Date.UTC(2026, 10, 21, 10, 0, 0);

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = T0): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Collects log lines written by the app's logger. */
export function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines, text: () => lines.join('\n') };
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: TestClock;
  logStream?: Writable;
  /** The store to run on (default: a fresh MemoryStore). */
  store?: SecretAndRequestStore;
  /** The blob store (default: the app's fresh MemoryBlobStore). */
  blobs?: BlobStore;
  /** The lifecycle event bus (default: the app's own). */
  events?: LifecycleEvents;
  /** The server-side key derivations (default: core's). */
  derivations?: ServerDerivations;
  /** The blob volume's free space (default: statfs for an `FsBlobStore`, none otherwise). */
  diskSpace?: DiskSpaceProbe | null;
  /** The accounts store (default: a fresh MemoryAccountsStore). */
  accounts?: AccountsStore;
  /** Webhook delivery knobs (timeout, poll, resolver, autoStart). */
  webhooks?: WebhookOptions;
}

/** Builds the app on a fresh MemoryStore with rate limits off (unless `env` says otherwise). */
export async function testApp(options: TestAppOptions = {}) {
  const config: ServerConfig = loadConfig({
    BURNLINK_STORE: 'memory:',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_WEB_DIR: '/nonexistent-burnlink-web',
    ...options.env,
  });
  const store = options.store ?? new MemoryStore();
  const clock = options.clock ?? testClock();
  const app = await buildApp({
    config,
    store,
    ...(options.blobs ? { blobs: options.blobs } : {}),
    ...(options.events ? { events: options.events } : {}),
    ...(options.derivations ? { derivations: options.derivations } : {}),
    ...(options.diskSpace === undefined ? {} : { diskSpace: options.diskSpace }),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    now: clock.now,
    logger: options.logStream ? { level: 'info', stream: options.logStream } : false,
  });
  return { app, store, clock, config };
}

/** What a client-encrypting sender does (web, CLI): seal with core, POST the create body. */
export async function sendSecret(
  app: FastifyInstance,
  options: { text?: string; passphrase?: string; iterations?: number; ttl?: number; max_views?: number } = {},
  headers: Record<string, string> = {},
) {
  const sealed = await sealSecret(
    { v: 1, text: options.text ?? 's3cret' },
    options.passphrase
      ? { passphrase: options.passphrase, iterations: options.iterations ?? KDF_MIN_ITERATIONS }
      : {},
  );
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    headers,
    payload: {
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
      ...(options.max_views === undefined ? {} : { max_views: options.max_views }),
      verifier: sealed.verifier,
      kdf: sealed.kdf,
      ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
      content: toBase64Url(sealed.content),
    },
  });
  if (res.statusCode !== 201) throw new Error(`create answered ${res.statusCode}: ${res.body}`);
  const { id, receipt, expires_at } = res.json() as { id: string; receipt: string; expires_at: string };
  return { id, receipt, expires_at, linkKey: sealed.linkKey, kdf: sealed.kdf };
}

/** What a recipient's client does: derive the tokens from the link key (and passphrase) and claim. */
export async function claimBody(linkKey: Uint8Array, kdf: KdfParams | null, passphrase?: string) {
  const access = await deriveAccess(linkKey, kdf, passphrase);
  return {
    body: { token: access.token, ...(access.linkToken ? { link_token: access.linkToken } : {}) },
    contentKey: access.contentKey,
  };
}

export async function claimAndOpen(
  app: FastifyInstance,
  id: string,
  linkKey: Uint8Array,
  kdf: KdfParams | null,
  passphrase?: string,
) {
  const { body, contentKey } = await claimBody(linkKey, kdf, passphrase);
  const res = await app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, payload: body });
  if (res.statusCode !== 200) return { res, payload: null };
  return { res, payload: await openSecret(fromBase64Url(res.json().content), contentKey) };
}

export const randomB64u = (bytes: number) => toBase64Url(randomBytes(bytes));
