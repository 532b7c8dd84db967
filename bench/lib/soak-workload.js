// The soak's mixed workload (issue #10, item 7): four scenarios taken in turn, every step checked against the
// status the API documents (docs/api.md). Anything else, or a network error, is an error of the run.
import { randomBytes } from 'node:crypto';
import { createEncryptStream, deriveAccess, encryptedSize, sealSecret, toBase64Url } from '@burnlink/core';

/** Operation kinds, in the order of the report's columns. */
export const KINDS = ['create', 'claim', 'wrong-pass', 'burn', 'upload', 'download'];

const FILE_BYTES = 64 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sealed once before any timing: the server stores what it is given and never sees a key, so every create of
 * one kind can carry the same body (ids, receipts and grants are still fresh each time). PBKDF2 runs here once
 * at the minimum iterations, not once per secret, so the client spends its CPU on requests.
 */
export async function prepareWorkload() {
  const text = await sealSecret({ v: 1, text: 'x'.repeat(1024) });
  const guarded = await sealSecret(
    { v: 1, text: 'y'.repeat(256) },
    { passphrase: 'soak', iterations: 100_000 },
  );
  const file = await sealSecret({
    v: 1,
    text: '',
    files: [{ name: 'soak.bin', type: 'application/octet-stream', size: FILE_BYTES }],
  });
  const cipher = Buffer.from(
    await new Response(
      new Blob([randomBytes(FILE_BYTES)]).stream().pipeThrough(createEncryptStream(file.contentKey)),
    ).arrayBuffer(),
  );
  if (cipher.length !== encryptedSize(FILE_BYTES)) throw new Error('file ciphertext has an unexpected size');
  const body = (sealed, extra = {}) =>
    JSON.stringify({
      ttl: 3600,
      max_views: 1,
      verifier: sealed.verifier,
      kdf: sealed.kdf,
      ...(sealed.linkVerifier ? { link_verifier: sealed.linkVerifier } : {}),
      content: toBase64Url(sealed.content),
      ...extra,
    });
  const textAccess = await deriveAccess(text.linkKey, null);
  const guardedAccess = await deriveAccess(guarded.linkKey, guarded.kdf, 'soak');
  const fileAccess = await deriveAccess(file.linkKey, null);
  return {
    cipher,
    text: { create: body(text), claim: JSON.stringify({ token: textAccess.token }) },
    guarded: {
      create: body(guarded),
      claim: JSON.stringify({ token: guardedAccess.token, link_token: guardedAccess.linkToken }),
      // The right link token with a wrong access token: a wrong passphrase (403), attempts counted down.
      wrong: JSON.stringify({ token: toBase64Url(randomBytes(32)), link_token: guardedAccess.linkToken }),
    },
    file: {
      create: body(file, { files: [{ size: cipher.length }] }),
      claim: JSON.stringify({ token: fileAccess.token }),
    },
  };
}

class StepFailed extends Error {}

/**
 * One timed request. `record(kind, ms, started)` gets every answer's latency; `fail(kind, what)` every answer
 * whose status is not in `expected`, which also ends the scenario. Bodies are read in full, never logged.
 */
async function step(ctx, kind, expected, path, init = {}) {
  const started = performance.now();
  let res;
  let text;
  try {
    const { binary: _, ...request } = init;
    res = await fetch(new URL(path, ctx.url), {
      ...request,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    // A download is read whole (64 KiB) as bytes, compared with the upload, then dropped.
    text = init.binary ? Buffer.from(await res.arrayBuffer()) : await res.text();
  } catch (error) {
    ctx.fail(kind, `network ${error.cause?.code ?? error.name}`);
    throw new StepFailed();
  }
  ctx.record(kind, performance.now() - started, started);
  if (!expected.includes(res.status)) {
    let code = '';
    try {
      code = JSON.parse(String(text)).error?.code ?? '';
    } catch {}
    ctx.fail(
      kind,
      `${init.method ?? 'GET'} ${path.replace(/[A-Za-z0-9_-]{16,}/g, '…')} → ${res.status} ${code}`.trim(),
    );
    throw new StepFailed();
  }
  if (res.headers.get('content-type')?.startsWith('application/json')) return JSON.parse(text);
  return text;
}

const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

const SCENARIOS = [
  async function text(ctx, w) {
    const { id } = await step(ctx, 'create', [201], '/api/v1/secrets', json(w.text.create));
    await step(ctx, 'claim', [200], `/api/v1/secrets/${id}/claim`, json(w.text.claim));
  },
  async function passphrase(ctx, w) {
    const { id } = await step(ctx, 'create', [201], '/api/v1/secrets', json(w.guarded.create));
    await step(ctx, 'wrong-pass', [403], `/api/v1/secrets/${id}/claim`, json(w.guarded.wrong));
    await step(ctx, 'wrong-pass', [403], `/api/v1/secrets/${id}/claim`, json(w.guarded.wrong));
    await step(ctx, 'claim', [200], `/api/v1/secrets/${id}/claim`, json(w.guarded.claim));
  },
  async function burn(ctx, w) {
    const { id, receipt } = await step(ctx, 'create', [201], '/api/v1/secrets', json(w.text.create));
    await step(ctx, 'burn', [204], `/api/v1/receipts/${receipt}/burn`, { method: 'POST' });
    // A burned secret is gone: 404 is the expected answer here.
    await step(ctx, 'claim', [404], `/api/v1/secrets/${id}/claim`, json(w.text.claim));
  },
  async function file(ctx, w) {
    const created = await step(ctx, 'create', [201], '/api/v1/secrets', json(w.file.create));
    await step(ctx, 'upload', [204], created.uploads[0].url, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
      },
      body: w.cipher,
    });
    const claimed = await step(
      ctx,
      'claim',
      [200],
      `/api/v1/secrets/${created.id}/claim`,
      json(w.file.claim),
    );
    const bytes = await step(ctx, 'download', [200], claimed.files[0].url, {
      headers: { authorization: `Bearer ${claimed.grant}` },
      binary: true,
    });
    if (!w.cipher.equals(bytes)) {
      ctx.fail('download', 'the bytes differ from the upload');
      throw new StepFailed();
    }
  },
];

/** Runs scenario number `n` (taken in turn); resolves whether it went through, never rejects on a bad answer. */
export async function runCycle(n, ctx, workload) {
  try {
    await SCENARIOS[n % SCENARIOS.length](ctx, workload);
    return true;
  } catch (error) {
    if (error instanceof StepFailed) return false;
    ctx.fail('client', `${error.name}: ${error.message}`);
    return false;
  }
}
