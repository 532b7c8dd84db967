import { randomBytes, toBase64Url } from '@burnlink/core';

// The file half of the fake API (docs/api.md "Files"): tus uploads, grants and downloads, in memory, with
// switches to drop or fail requests so the client's resume paths can be tested.

export interface FakeBlob {
  id: string;
  secretId: string;
  size: number;
  data: Uint8Array;
  offset: number;
  downloaded: boolean;
}

export interface FakeFileSwitches {
  /** The next PATCH stores this many bytes of its body, then the connection drops (fetch rejects). */
  dropPatchAfter: number | null;
  /** Statuses answered to the next PATCH requests instead of handling them (e.g. 503). */
  failPatches: number[];
  /** The next download's body breaks after this many bytes. */
  dropDownloadAfter: number | null;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string) => json(status, { error: { code, message: code } });
const tus = { 'tus-resumable': '1.0.0' };

export class FakeFiles {
  readonly blobs = new Map<string, FakeBlob>();
  readonly grants = new Map<string, string>(); // grant → secret id
  readonly switches: FakeFileSwitches = { dropPatchAfter: null, failPatches: [], dropDownloadAfter: null };

  /** Creates one upload per size; the secret stays hidden until all are complete. */
  stage(secretId: string, sizes: number[]) {
    return sizes.map((size) => {
      const id = toBase64Url(randomBytes(16));
      this.blobs.set(id, { id, secretId, size, data: new Uint8Array(size), offset: 0, downloaded: false });
      return { id, url: `/api/v1/uploads/${id}`, size };
    });
  }

  of(secretId: string): FakeBlob[] {
    return [...this.blobs.values()].filter((blob) => blob.secretId === secretId);
  }

  complete(secretId: string): boolean {
    return this.of(secretId).every((blob) => blob.offset === blob.size);
  }

  remove(secretId: string): void {
    for (const blob of this.of(secretId)) this.blobs.delete(blob.id);
  }

  grant(secretId: string): string {
    const grant = toBase64Url(randomBytes(32));
    this.grants.set(grant, secretId);
    return grant;
  }

  /** HEAD/PATCH/DELETE on an upload. `seal` is called once the last byte of the secret arrived. */
  upload(method: string, id: string, headers: Headers, body: Uint8Array, seal: (secretId: string) => void) {
    const blob = this.blobs.get(id);
    if (!blob) return error(404, 'upload_not_found');
    if (method === 'HEAD') {
      return new Response(null, {
        status: 200,
        headers: { ...tus, 'upload-offset': String(blob.offset), 'upload-length': String(blob.size) },
      });
    }
    if (method === 'DELETE') {
      this.remove(blob.secretId);
      return new Response(null, { status: 204, headers: tus });
    }
    if (headers.get('tus-resumable') !== '1.0.0') return error(412, 'tus_version');
    if (headers.get('content-type') !== 'application/offset+octet-stream') return error(415, 'content_type');
    const failed = this.switches.failPatches.shift();
    if (failed !== undefined) return error(failed, 'store_unavailable');
    if (Number(headers.get('upload-offset')) !== blob.offset) return error(409, 'upload_offset_mismatch');
    const drop = this.switches.dropPatchAfter;
    this.switches.dropPatchAfter = null;
    const kept = drop === null ? body : body.subarray(0, drop);
    if (blob.offset + kept.length > blob.size) {
      this.remove(blob.secretId);
      return error(413, 'upload_too_large');
    }
    blob.data.set(kept, blob.offset);
    blob.offset += kept.length;
    if (drop !== null) throw new TypeError('fetch failed');
    const ready = this.complete(blob.secretId);
    if (ready) seal(blob.secretId);
    return new Response(null, {
      status: 204,
      headers: {
        ...tus,
        'upload-offset': String(blob.offset),
        ...(ready ? { 'burnlink-secret': 'ready' } : {}),
      },
    });
  }

  /** GET of a file with a grant, optionally from a `bytes=N-` range. */
  download(id: string, headers: Headers) {
    const blob = this.blobs.get(id);
    const grant = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
    if (!blob || !grant || this.grants.get(grant) !== blob.secretId || blob.downloaded) {
      return error(404, 'file_not_found');
    }
    const start = Number(/^bytes=(\d+)-$/.exec(headers.get('range') ?? '')?.[1] ?? 0);
    if (start > blob.size) return error(416, 'range_not_satisfiable');
    const drop = this.switches.dropDownloadAfter;
    this.switches.dropDownloadAfter = null;
    const bytes = blob.data.slice(start);
    const end = drop ?? bytes.length;
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at < end) {
          controller.enqueue(bytes.subarray(at, Math.min(end, at + 65_536)));
          at += 65_536;
        } else if (drop !== null) {
          controller.error(new TypeError('terminated'));
        } else {
          blob.downloaded = true;
          controller.close();
        }
      },
    });
    const partial = headers.has('range');
    return new Response(body, {
      status: partial ? 206 : 200,
      headers: partial ? { 'content-range': `bytes ${start}-${blob.size - 1}/${blob.size}` } : {},
    });
  }
}
