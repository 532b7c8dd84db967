/**
 * Generates `vectors/v1.json`, the known-answer vectors of protocol v1 (docs/encryption.md).
 *
 * Every input is fixed: byte strings are the first bytes of SHA-256("burnlink/v1 vector <case> <field>"),
 * so the file can be regenerated and reviewed. The outputs are computed with this package; the test
 * `test/vectors.test.ts` checks them against an independent node:crypto implementation, and fails when this
 * script's output and the committed file differ. Regenerate with:
 *
 *   npm run vectors -w @burnlink/core
 *
 * (that runs `test/vectors.test.ts` with BURNLINK_WRITE_VECTORS=1, which calls `writeVectors()`; Vitest runs
 * TypeScript directly, so no build or extra tool is needed).
 */
import {
  concatBytes,
  deriveKeys,
  derivePassphraseKey,
  encodePayload,
  encryptBytes,
  formatSecretLink,
  HKDF_SALT_LABEL,
  hkdfExpand,
  hkdfExtract,
  KDF_NAME,
  type KdfParams,
  type SecretPayload,
  sealSecretWith,
  sha256,
  toBase64Url,
  utf8Encode,
} from '../src/index.js';

export interface VectorInputs {
  /** b64u, 32 bytes: K. */
  link_key: string;
  passphrase: string | null;
  /** The passphrase's code points, to make composed vs decomposed forms visible. */
  passphrase_code_points: string[] | null;
  kdf: KdfParams | null;
  /** b64u, 16 bytes: the RFC 8188 header salt of stream 0. */
  header_salt: string;
  record_size: number;
  /**
   * Attached files (step 4): each is its own stream under the same Kc with its own header salt and the
   * case's record size. Only in cases whose payload lists files.
   */
  files?: Array<{ header_salt: string; data: string }>;
  /** Stream 0 plaintext, exactly these UTF-8 bytes. */
  payload: string;
  origin: string;
  id: string;
}

export interface VectorOutputs {
  /** b64u of the passphrase key; null without a passphrase. */
  P: string | null;
  M: string;
  Kc: string;
  T: string;
  V: string;
  M0: string;
  L: string;
  link_verifier: string;
  /** RFC 8188 content-encryption key and base nonce of stream 0. */
  cek: string;
  base_nonce: string;
  /** b64u of stream 0 ciphertext. */
  content: string;
  /** b64u of each attached file's stream, in the order of `inputs.files`. */
  files?: string[];
  link: string;
  /** The client-encrypted create body of docs/api.md (ttl and max_views omitted). */
  create_body: { verifier: string; link_verifier?: string; kdf: KdfParams | null; content: string };
  /** The claim body of docs/api.md. */
  claim_body: { token: string; link_token?: string };
}

export interface VectorCase {
  name: string;
  comment: string;
  inputs: VectorInputs;
  outputs: VectorOutputs;
}

export interface VectorFile {
  description: string;
  protocol: 1;
  cases: VectorCase[];
}

interface CaseSpec {
  name: string;
  comment: string;
  passphrase?: string;
  iterations?: number;
  /** Reuse another case's byte inputs (to show two passphrase forms derive the same keys). */
  seed?: string;
  recordSize?: number;
  payload: SecretPayload;
}

const ORIGIN = 'https://burnlink.example';

const SPECS: CaseSpec[] = [
  {
    name: 'no-passphrase',
    comment: 'Link key only: IKM = K, so M0 = M; no link_verifier or link_token on the wire.',
    payload: { v: 1, text: 's3cret' },
  },
  {
    name: 'passphrase-600000',
    comment: 'A passphrase with the default 600000 PBKDF2 iterations.',
    passphrase: 'correct horse battery staple',
    iterations: 600_000,
    payload: { v: 1, text: 'db password: hunter2' },
  },
  {
    name: 'passphrase-nfc-composed',
    comment: 'Non-ASCII passphrase typed in composed form (NFC already).',
    passphrase: '\u00c5sa \u00d6berg \u00f1 \u00e9t\u00e9',
    iterations: 100_000,
    payload: { v: 1, text: 'smörgåsbord ✓' },
  },
  {
    name: 'passphrase-nfc-decomposed',
    comment: 'The same passphrase typed decomposed (NFD); NFC makes every output equal the composed case.',
    passphrase: 'A\u030asa O\u0308berg n\u0303 e\u0301te\u0301',
    iterations: 100_000,
    seed: 'passphrase-nfc-composed',
    payload: { v: 1, text: 'smörgåsbord ✓' },
  },
  {
    name: 'empty-text',
    comment: 'Empty secret text: stream 0 is still one record (the JSON is never empty).',
    payload: { v: 1, text: '' },
  },
  {
    name: 'multi-record',
    comment: 'Record size 64 (47 bytes of data per record), so stream 0 spans several records.',
    recordSize: 64,
    payload: {
      v: 1,
      text: 'The quick brown fox jumps over the lazy dog. '.repeat(5).trim(),
    },
  },
  {
    name: 'context-and-files',
    comment:
      'All context fields (non-ASCII included) and file metadata, with a passphrase and small records.',
    passphrase: 'pässwörd 🔥',
    iterations: 100_000,
    recordSize: 100,
    payload: {
      v: 1,
      text: 'AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      context: {
        label: 'AWS deploy key',
        username: 'ci-deploy',
        url: 'https://console.aws.example/',
        environment: 'production',
        note: 'Rotate after use — läs README',
      },
      files: [{ name: 'id_ed25519', type: 'application/octet-stream', size: 411 }],
    },
  },
];

/** `length` deterministic bytes: SHA-256 blocks of the label with a counter. */
export async function seedStream(caseName: string, field: string, length: number): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  for (let i = 0; blocks.length * 32 < length; i++)
    blocks.push(await seedBytes(caseName, `${field} ${i}`, 32));
  return concatBytes(...blocks).slice(0, length);
}

export async function seedBytes(caseName: string, field: string, length: number): Promise<Uint8Array> {
  return (await sha256(utf8Encode(`burnlink/v1 vector ${caseName} ${field}`))).slice(0, length);
}

const b64u = toBase64Url;

async function makeCase(spec: CaseSpec): Promise<VectorCase> {
  const seed = spec.seed ?? spec.name;
  const linkKey = await seedBytes(seed, 'link_key', 32);
  const headerSalt = await seedBytes(seed, 'header_salt', 16);
  const id = b64u(await seedBytes(seed, 'id', 16));
  const recordSize = spec.recordSize ?? 65_536;
  const kdf: KdfParams | null =
    spec.passphrase === undefined
      ? null
      : { name: KDF_NAME, salt: b64u(await seedBytes(seed, 'kdf_salt', 16)), iterations: spec.iterations! };
  const payloadBytes = encodePayload(spec.payload);

  const P = kdf === null ? null : await derivePassphraseKey(spec.passphrase!, kdf);
  const M = await hkdfExtract(HKDF_SALT_LABEL, P === null ? linkKey : concatBytes(linkKey, P));
  const M0 = await hkdfExtract(HKDF_SALT_LABEL, linkKey);
  const keys = await deriveKeys(linkKey, P);
  const prk = await hkdfExtract(headerSalt, keys.contentKey);
  const sealed = await sealSecretWith(spec.payload, {
    linkKey,
    ...(kdf === null ? {} : { passphrase: spec.passphrase!, kdf }),
    contentSalt: headerSalt,
    recordSize,
  });
  const content = b64u(sealed.content);
  const files = await Promise.all(
    (spec.payload.files ?? []).map(async (meta, index) => {
      const data = await seedStream(seed, `file ${index} data`, meta.size);
      const salt = await seedBytes(seed, `file ${index} header_salt`, 16);
      const stream = await encryptBytes(data, keys.contentKey, { salt, recordSize });
      return { input: { header_salt: b64u(salt), data: b64u(data) }, output: b64u(stream) };
    }),
  );
  return {
    name: spec.name,
    comment: spec.comment,
    inputs: {
      link_key: b64u(linkKey),
      passphrase: spec.passphrase ?? null,
      passphrase_code_points:
        spec.passphrase === undefined
          ? null
          : [...spec.passphrase].map(
              (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
            ),
      kdf,
      header_salt: b64u(headerSalt),
      record_size: recordSize,
      ...(files.length === 0 ? {} : { files: files.map((f) => f.input) }),
      payload: new TextDecoder().decode(payloadBytes),
      origin: ORIGIN,
      id,
    },
    outputs: {
      P: P === null ? null : b64u(P),
      M: b64u(M),
      Kc: b64u(keys.contentKey),
      T: b64u(keys.token),
      V: b64u(keys.verifier),
      M0: b64u(M0),
      L: b64u(keys.linkToken),
      link_verifier: b64u(keys.linkVerifier),
      cek: b64u(await hkdfExpand(prk, 'Content-Encoding: aes256gcm\0', 32)),
      base_nonce: b64u(await hkdfExpand(prk, 'Content-Encoding: nonce\0', 12)),
      content,
      ...(files.length === 0 ? {} : { files: files.map((f) => f.output) }),
      link: formatSecretLink(ORIGIN, id, linkKey),
      create_body:
        kdf === null
          ? { verifier: sealed.verifier, kdf: null, content }
          : { verifier: sealed.verifier, link_verifier: sealed.linkVerifier!, kdf, content },
      claim_body:
        kdf === null
          ? { token: b64u(keys.token) }
          : { token: b64u(keys.token), link_token: b64u(keys.linkToken) },
    },
  };
}

/** Computes every vector case from its fixed inputs. */
export async function makeVectors(): Promise<VectorFile> {
  const cases: VectorCase[] = [];
  for (const spec of SPECS) cases.push(await makeCase(spec));
  return {
    description:
      'burnlink protocol v1 known-answer vectors (docs/encryption.md). Binary values are base64url without padding. Generated by packages/core/scripts/make-vectors.ts.',
    protocol: 1,
    cases,
  };
}

/** The file's exact text: 2-space JSON with a final newline. */
export function renderVectors(vectors: VectorFile): string {
  return `${JSON.stringify(vectors, null, 2)}\n`;
}
