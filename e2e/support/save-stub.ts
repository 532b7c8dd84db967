/**
 * Installed with `page.addInitScript(installSaveStub)` before the app loads: a `window.showSaveFilePicker` that
 * needs no dialog. Its handle's `createWritable()` writes into a new file of the origin private file system
 * (OPFS, `navigator.storage.getDirectory()`) and hashes every chunk with an incremental SHA-256 on the way,
 * so the app's streaming save path runs unchanged and a test can compare hashes without moving the file out
 * of the browser. Saved files are listed in `window.__burnlinkSaved[suggestedName]`; `window.__burnlinkSha256`
 * hashes an OPFS file again from disk (streamed).
 *
 * Self-contained on purpose: Playwright sends the function's source to the page.
 */
export function installSaveStub(): void {
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  /** Incremental SHA-256 (FIPS 180-4): update(bytes)…, then hex(). */
  function createSha256() {
    const h = new Uint32Array([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]);
    const w = new Uint32Array(64);
    const block = new Uint8Array(64);
    let buffered = 0;
    let length = 0;
    const compress = (bytes: Uint8Array, at: number) => {
      for (let i = 0; i < 16; i++) {
        const j = at + i * 4;
        w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
      }
      for (let i = 16; i < 64; i++) {
        const a = w[i - 15]!;
        const b = w[i - 2]!;
        const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
        const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
        w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
      let a = h[0]!;
      let b = h[1]!;
      let c = h[2]!;
      let d = h[3]!;
      let e = h[4]!;
      let f = h[5]!;
      let g = h[6]!;
      let hh = h[7]!;
      for (let i = 0; i < 64; i++) {
        const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        const t1 = (hh + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
        const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h[0] = (h[0]! + a) | 0;
      h[1] = (h[1]! + b) | 0;
      h[2] = (h[2]! + c) | 0;
      h[3] = (h[3]! + d) | 0;
      h[4] = (h[4]! + e) | 0;
      h[5] = (h[5]! + f) | 0;
      h[6] = (h[6]! + g) | 0;
      h[7] = (h[7]! + hh) | 0;
    };
    const update = (bytes: Uint8Array) => {
      length += bytes.length;
      let at = 0;
      if (buffered > 0) {
        const take = Math.min(64 - buffered, bytes.length);
        block.set(bytes.subarray(0, take), buffered);
        buffered += take;
        at = take;
        if (buffered < 64) return;
        compress(block, 0);
        buffered = 0;
      }
      for (; at + 64 <= bytes.length; at += 64) compress(bytes, at);
      block.set(bytes.subarray(at), 0);
      buffered = bytes.length - at;
    };
    const hex = () => {
      const bits = length * 8;
      const tail = new Uint8Array(buffered + 9 > 64 ? 128 : 64);
      tail.set(block.subarray(0, buffered));
      tail[buffered] = 0x80;
      const view = new DataView(tail.buffer);
      view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
      view.setUint32(tail.length - 4, bits >>> 0);
      for (let at = 0; at < tail.length; at += 64) compress(tail, at);
      return Array.from(h, (word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
    };
    return { update, hex };
  }

  interface Saved {
    size: number;
    sha256: string;
    opfsName: string;
  }
  const saved: Record<string, Saved> = {};
  let counter = 0;
  const page = window as unknown as Record<string, unknown>;
  page.__burnlinkSaved = saved;
  page.__burnlinkSha256 = async (opfsName: string) => {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle(opfsName)).getFile();
    const hash = createSha256();
    const reader = file.stream().getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) hash.update(r.value);
    return { size: file.size, sha256: hash.hex() };
  };
  page.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
    counter += 1;
    const opfsName = `saved-${counter}`;
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle(opfsName, { create: true });
    return {
      async createWritable() {
        const writer = (await handle.createWritable()).getWriter();
        const hash = createSha256();
        let size = 0;
        return new WritableStream<Uint8Array>({
          async write(chunk) {
            hash.update(chunk);
            size += chunk.length;
            await writer.write(chunk);
          },
          async close() {
            await writer.close();
            saved[suggestedName] = { size, sha256: hash.hex(), opfsName };
          },
          async abort(reason) {
            await writer.abort(reason);
          },
        });
      },
    };
  };
}

/** For the Blob fallback: a browser without the File System Access API. */
export function removeSavePicker(): void {
  Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
}
