/**
 * Generates `vectors/requests-v1.json`, the known-answer vectors of "request a secret" (docs/encryption.md
 * "Requests"). Inputs are fixed the same way as `make-vectors.ts` (SHA-256 of a label per case and field),
 * including HPKE's ephemeral key material (RFC 9180's `ikmE`), so every output is reproducible. The test
 * `test/request-vectors.test.ts` checks them against an independent node:crypto implementation (protocol v1
 * and RFC 9180) and fails when this script's output and the committed file differ. Regenerate with:
 *
 *   npm run vectors -w @burnlink/core
 */
import {
  deriveAccess,
  deriveKeys,
  derivePassphraseKey,
  encodePayload,
  encryptBytes,
  fromBase64Url,
  KDF_NAME,
  type KdfParams,
  type SecretPayload,
  toBase64Url,
} from '../src/index.js';
import {
  deriveInboxAccess,
  deriveInboxKeyPair,
  deriveRespondAccess,
  formatInboxLink,
  formatRequestLink,
  formatRequestReceiptLink,
  REQUEST_HPKE_INFO,
  sealRequestWith,
  sealResponseWith,
} from '../src/requests.js';
import { seedBytes, seedStream } from './make-vectors.js';

export interface RequestVectorCase {
  name: string;
  comment: string;
  inputs: {
    /** b64u, 32 bytes each: the request key Q and the inbox key S. */
    request_key: string;
    inbox_key: string;
    description: string;
    /** b64u, 16 bytes: the RFC 8188 header salt of the description stream. */
    description_salt: string;
    record_size: number;
    origin: string;
    id: string;
    receipt: string;
    response: {
      /** b64u, 32 bytes: the response's link key K. */
      link_key: string;
      passphrase: string | null;
      kdf: KdfParams | null;
      header_salt: string;
      /** Stream 0 plaintext of the response, exactly these UTF-8 bytes. */
      payload: string;
      files?: Array<{ header_salt: string; data: string }>;
      /** b64u, 32 bytes: RFC 9180 `ikmE`, the seed of the ephemeral key pair. */
      ephemeral_key_material: string;
    };
  };
  outputs: {
    /** b64u of skR and pkR = DeriveKeyPair(S). */
    private_key: string;
    public_key: string;
    /** Stream 0 `{"v":1,"text":description}` under Q's content key. */
    description: string;
    respond_token: string;
    respond_verifier: string;
    inbox_token: string;
    inbox_verifier: string;
    request_link: string;
    inbox_link: string;
    receipt_link: string;
    /** POST /api/v1/requests (ttl, response_ttl and team omitted). */
    create_body: {
      public_key: string;
      description: string;
      respond_verifier: string;
      inbox_verifier: string;
    };
    /** HPKE enc (the ephemeral public key) and the 80-byte sealed key enc || ct. */
    enc: string;
    sealed_key: string;
    /** The response's T and V, and its stream 0 and files, as for a secret (vectors/v1.json). */
    T: string;
    V: string;
    content: string;
    files?: string[];
    /** POST /api/v1/requests/{id}/respond. */
    respond_body: {
      token: string;
      sealed_key: string;
      verifier: string;
      link_verifier?: string;
      kdf: KdfParams | null;
      content: string;
      files?: Array<{ size: number }>;
    };
    /** POST /api/v1/requests/{id}/inbox, then the claim of the response (POST /api/v1/secrets/{id}/claim). */
    inbox_body: { inbox_token: string };
    claim_body: { token: string; link_token?: string };
  };
}

export interface RequestVectorFile {
  description: string;
  protocol: 1;
  hpke: { mode: 'base'; kem: string; kdf: string; aead: string; info: string; aad: string };
  cases: RequestVectorCase[];
}

interface CaseSpec {
  name: string;
  comment: string;
  description: string;
  recordSize?: number;
  passphrase?: string;
  iterations?: number;
  response: SecretPayload;
}

const ORIGIN = 'https://burnlink.example';

const SPECS: CaseSpec[] = [
  {
    name: 'request-text',
    comment: 'A text response without passphrase.',
    description: 'The staging database password, please',
    response: { v: 1, text: 'correct-horse-battery-staple' },
  },
  {
    name: 'request-passphrase-files',
    comment:
      'A non-ASCII description; a response with a passphrase, a file and small records (several per stream).',
    description: 'Kundnummer och API-nyckel för produktion 🔑',
    recordSize: 100,
    passphrase: 'pässwörd 🔥',
    iterations: 100_000,
    response: {
      v: 1,
      text: 'customer 4711',
      files: [{ name: 'api-key.txt', type: 'text/plain', size: 150 }],
    },
  },
];

const b64u = toBase64Url;

async function makeCase(spec: CaseSpec): Promise<RequestVectorCase> {
  const seed = spec.name;
  const requestKey = await seedBytes(seed, 'request_key', 32);
  const inboxKey = await seedBytes(seed, 'inbox_key', 32);
  const descriptionSalt = await seedBytes(seed, 'description_salt', 16);
  const id = b64u(await seedBytes(seed, 'id', 16));
  const receipt = b64u(await seedBytes(seed, 'receipt', 16));
  const linkKey = await seedBytes(seed, 'link_key', 32);
  const headerSalt = await seedBytes(seed, 'header_salt', 16);
  const ikmE = await seedBytes(seed, 'ephemeral_key_material', 32);
  const recordSize = spec.recordSize ?? 65_536;
  const kdf: KdfParams | null =
    spec.passphrase === undefined
      ? null
      : { name: KDF_NAME, salt: b64u(await seedBytes(seed, 'kdf_salt', 16)), iterations: spec.iterations! };

  const request = await sealRequestWith(spec.description, {
    requestKey,
    inboxKey,
    descriptionSalt,
    recordSize,
  });
  const pair = await deriveInboxKeyPair(inboxKey);
  const privateKey = fromBase64Url((await crypto.subtle.exportKey('jwk', pair.privateKey)).d!);
  const respond = await deriveRespondAccess(requestKey);
  const inbox = await deriveInboxAccess(inboxKey);
  const response = await sealResponseWith(id, pair.publicKey, spec.response, {
    linkKey,
    ...(kdf === null ? {} : { passphrase: spec.passphrase!, kdf }),
    contentSalt: headerSalt,
    recordSize,
    ephemeralKeyMaterial: ikmE,
  });
  const keys = await deriveKeys(
    linkKey,
    kdf === null ? null : await derivePassphraseKey(spec.passphrase!, kdf),
  );
  const access = await deriveAccess(linkKey, kdf, spec.passphrase);
  const content = b64u(response.content);
  const files = await Promise.all(
    (spec.response.files ?? []).map(async (meta, index) => {
      const data = await seedStream(seed, `file ${index} data`, meta.size);
      const salt = await seedBytes(seed, `file ${index} header_salt`, 16);
      const stream = await encryptBytes(data, keys.contentKey, { salt, recordSize });
      return { input: { header_salt: b64u(salt), data: b64u(data) }, output: stream };
    }),
  );
  const respondBody: RequestVectorCase['outputs']['respond_body'] = {
    token: respond.respondToken,
    sealed_key: response.sealedKey,
    verifier: response.verifier,
    ...(response.linkVerifier === null ? {} : { link_verifier: response.linkVerifier }),
    kdf,
    content,
    ...(files.length === 0 ? {} : { files: files.map((f) => ({ size: f.output.length })) }),
  };
  return {
    name: spec.name,
    comment: spec.comment,
    inputs: {
      request_key: b64u(requestKey),
      inbox_key: b64u(inboxKey),
      description: spec.description,
      description_salt: b64u(descriptionSalt),
      record_size: recordSize,
      origin: ORIGIN,
      id,
      receipt,
      response: {
        link_key: b64u(linkKey),
        passphrase: spec.passphrase ?? null,
        kdf,
        header_salt: b64u(headerSalt),
        payload: new TextDecoder().decode(encodePayload(spec.response)),
        ...(files.length === 0 ? {} : { files: files.map((f) => f.input) }),
        ephemeral_key_material: b64u(ikmE),
      },
    },
    outputs: {
      private_key: b64u(privateKey),
      public_key: request.publicKey,
      description: request.description,
      respond_token: respond.respondToken,
      respond_verifier: request.respondVerifier,
      inbox_token: inbox.inboxToken,
      inbox_verifier: request.inboxVerifier,
      request_link: formatRequestLink(ORIGIN, id, requestKey),
      inbox_link: formatInboxLink(ORIGIN, id, inboxKey),
      receipt_link: formatRequestReceiptLink(ORIGIN, receipt),
      create_body: {
        public_key: request.publicKey,
        description: request.description,
        respond_verifier: request.respondVerifier,
        inbox_verifier: request.inboxVerifier,
      },
      enc: b64u(fromBase64Url(response.sealedKey).subarray(0, 32)),
      sealed_key: response.sealedKey,
      T: access.token,
      V: response.verifier,
      content,
      ...(files.length === 0 ? {} : { files: files.map((f) => b64u(f.output)) }),
      respond_body: respondBody,
      inbox_body: { inbox_token: inbox.inboxToken },
      claim_body:
        access.linkToken === null
          ? { token: access.token }
          : { token: access.token, link_token: access.linkToken },
    },
  };
}

/** Computes every request vector case from its fixed inputs. */
export async function makeRequestVectors(): Promise<RequestVectorFile> {
  const cases: RequestVectorCase[] = [];
  for (const spec of SPECS) cases.push(await makeCase(spec));
  return {
    description:
      'burnlink "request a secret" known-answer vectors (docs/encryption.md "Requests"). Binary values are base64url without padding. Generated by packages/core/scripts/make-request-vectors.ts.',
    protocol: 1,
    hpke: {
      mode: 'base',
      kem: 'DHKEM(X25519, HKDF-SHA256)',
      kdf: 'HKDF-SHA256',
      aead: 'AES-256-GCM',
      info: REQUEST_HPKE_INFO,
      aad: 'UTF-8 of the request id',
    },
    cases,
  };
}
