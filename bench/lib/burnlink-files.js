// The raw API steps of a secret with one file (docs/api.md, "Files"): create with the file's ciphertext size,
// claim for a download grant. The upload (tus PATCH) and download (GET) are timed by the caller.
import { deriveAccess, encryptedSize, sealSecret, toBase64Url } from '@burnlink/core';

async function postJson(url, what, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${what} answered ${res.status} ${reply.error?.code ?? ''}`);
  return reply;
}

/** Stream 0 of a secret carrying one file of `plainSize` bytes; its contentKey encrypts the file. */
export const sealFileSecret = (plainSize) =>
  sealSecret({
    v: 1,
    text: '',
    files: [{ name: 'bench.bin', type: 'application/octet-stream', size: plainSize }],
  });

/** Creates the secret; returns its id and the absolute tus upload URL of its file. */
export async function createFileSecret(server, sealed, plainSize) {
  const reply = await postJson(`${server}/api/v1/secrets`, 'create', {
    ttl: 3600,
    max_views: 1,
    verifier: sealed.verifier,
    kdf: null,
    content: toBase64Url(sealed.content),
    files: [{ size: encryptedSize(plainSize) }],
  });
  return { id: reply.id, uploadUrl: new URL(reply.uploads[0].url, server).href };
}

/** tus headers of one PATCH carrying the whole ciphertext from offset 0. */
export const TUS_PATCH = {
  method: 'PATCH',
  headers: {
    'tus-resumable': '1.0.0',
    'content-type': 'application/offset+octet-stream',
    'upload-offset': '0',
  },
};

/** Claims the secret; returns the absolute download URL of its file and the Authorization header. */
export async function claimFile(server, id, linkKey) {
  const { token } = await deriveAccess(linkKey, null);
  const reply = await postJson(`${server}/api/v1/secrets/${id}/claim`, 'claim', { token });
  return {
    fileUrl: new URL(reply.files[0].url, server).href,
    headers: { authorization: `Bearer ${reply.grant}` },
  };
}
