import { createHash } from 'node:crypto';
import {
  encryptBytes,
  encryptedSize,
  type FileMeta,
  randomBytes,
  sealSecret,
  toBase64Url,
} from '@burnlink/core';
import type { FastifyInstance } from 'fastify';

/**
 * What a client-encrypting sender of files does (web, CLI), against `app.inject`: seal the payload with the
 * file list, encrypt each file under the content key with its own salt, create with the ciphertext sizes,
 * then PATCH the bytes (in `chunks` pieces). Files here are small enough to hold; streaming is tested with
 * the CLI and the browser.
 */
export interface SentFiles {
  id: string;
  receipt: string;
  linkKey: Uint8Array;
  uploads: { id: string; url: string; size: number }[];
  ciphertexts: Uint8Array[];
  plaintexts: Uint8Array[];
}

export const TUS = { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream' };

export const sha256hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Creates a secret with files and returns its uploads without sending a byte. */
export async function stageFiles(
  app: FastifyInstance,
  sizes: number[],
  options: { ttl?: number; max_views?: number; text?: string } = {},
): Promise<SentFiles> {
  const plaintexts = sizes.map((n) => randomBytes(n));
  const files: FileMeta[] = sizes.map((size, i) => ({
    name: `file-${i}.bin`,
    type: 'application/octet-stream',
    size,
  }));
  const sealed = await sealSecret({ v: 1, text: options.text ?? '', files });
  const ciphertexts = await Promise.all(plaintexts.map((p) => encryptBytes(p, sealed.contentKey)));
  ciphertexts.forEach((c, i) => {
    if (c.length !== encryptedSize(sizes[i] as number)) throw new Error('encryptedSize disagrees');
  });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/secrets',
    payload: {
      ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
      ...(options.max_views === undefined ? {} : { max_views: options.max_views }),
      verifier: sealed.verifier,
      kdf: null,
      content: toBase64Url(sealed.content),
      files: ciphertexts.map((c) => ({ size: c.length })),
    },
  });
  if (res.statusCode !== 201) throw new Error(`create answered ${res.statusCode}: ${res.body}`);
  const body = res.json();
  return {
    id: body.id,
    receipt: body.receipt,
    linkKey: sealed.linkKey,
    uploads: body.uploads,
    ciphertexts,
    plaintexts,
  };
}

export function patch(app: FastifyInstance, url: string, offset: number, bytes: Uint8Array) {
  return app.inject({
    method: 'PATCH',
    url,
    headers: { ...TUS, 'upload-offset': String(offset) },
    payload: Buffer.from(bytes),
  });
}

/** Uploads every file in `chunks` PATCHes each; returns the last PATCH response. */
export async function uploadAll(app: FastifyInstance, sent: SentFiles, chunks = 2) {
  let last: Awaited<ReturnType<typeof patch>> | undefined;
  for (const [i, upload] of sent.uploads.entries()) {
    const bytes = sent.ciphertexts[i] as Uint8Array;
    const step = Math.max(1, Math.ceil(bytes.length / chunks));
    for (let offset = 0; offset < bytes.length; offset += step) {
      last = await patch(app, upload.url, offset, bytes.subarray(offset, offset + step));
      if (last.statusCode !== 204) throw new Error(`PATCH answered ${last.statusCode}: ${last.body}`);
    }
  }
  return last;
}

export async function sendFiles(
  app: FastifyInstance,
  sizes: number[],
  options: { ttl?: number; max_views?: number; text?: string } = {},
): Promise<SentFiles> {
  const sent = await stageFiles(app, sizes, options);
  const last = await uploadAll(app, sent);
  if (last?.headers['burnlink-secret'] !== 'ready')
    throw new Error('the last PATCH did not create the secret');
  return sent;
}

export function download(app: FastifyInstance, url: string, grant: string, range?: string) {
  return app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${grant}`, ...(range ? { range } : {}) },
  });
}

export const randomGrant = () => toBase64Url(randomBytes(32));
