/**
 * Where a downloaded (decrypted) file goes. Where the browser has the File System Access API (Chromium:
 * `showSaveFilePicker`), the plaintext streams straight into the file the user picked: constant memory at any
 * size. Elsewhere the chunks are collected into a Blob and saved through an `<a download>` object URL, which
 * holds the whole file in the browser, so that path is limited to BLOB_SAVE_MAX_BYTES (docs/web.md).
 */

/** Largest file saved through the Blob fallback: 512 MiB. Larger files need the streaming path or the CLI. */
export const BLOB_SAVE_MAX_BYTES = 512 * 2 ** 20;

/** Chunks are folded into one Blob every so often, so that the browser's blob storage holds them, not the JS heap. */
const FOLD_BYTES = 16 * 2 ** 20;

export interface SaveTarget {
  /** Takes the decrypted bytes; closing it completes the file, aborting it discards what was written. */
  writable: WritableStream<Uint8Array>;
}

export type OpenResult = { ok: true; target: SaveTarget } | { ok: false; reason: 'cancelled' | 'too-large' };

interface SavePickerWindow {
  showSaveFilePicker?: (options: { suggestedName?: string }) => Promise<{
    createWritable(): Promise<WritableStream<Uint8Array>>;
  }>;
}

/** True when files of any size can be saved (streamed to disk) in this browser. */
export function canStreamToDisk(win: unknown = globalThis): boolean {
  return typeof (win as SavePickerWindow).showSaveFilePicker === 'function';
}

/** True when this browser can save a file of `size` bytes. */
export const canSave = (size: number, win: unknown = globalThis): boolean =>
  canStreamToDisk(win) || size <= BLOB_SAVE_MAX_BYTES;

/**
 * A file name the sender chose, made safe to suggest for saving: no path separators, no control
 * characters, not empty, not only dots.
 *
 * @example safeFileName('../etc/passwd') === '.._etc_passwd'
 */
export function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  return /^\.*$/.test(cleaned) ? 'download' : cleaned.slice(0, 255);
}

/**
 * Asks where to save `name` (must run in the click handler: the picker needs the user's gesture) and opens it.
 * The caller pipes the decrypted bytes into `writable`.
 */
export async function openSaveTarget(
  name: string,
  size: number,
  win: unknown = globalThis,
): Promise<OpenResult> {
  const picker = (win as SavePickerWindow).showSaveFilePicker;
  if (typeof picker === 'function') {
    try {
      const handle = await picker.call(win, { suggestedName: safeFileName(name) });
      return { ok: true, target: { writable: await handle.createWritable() } };
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'AbortError')
        return { ok: false, reason: 'cancelled' };
      throw error;
    }
  }
  if (size > BLOB_SAVE_MAX_BYTES) return { ok: false, reason: 'too-large' };
  return { ok: true, target: { writable: blobWritable(safeFileName(name)) } };
}

/** Collects the bytes, then hands them to the browser's download manager under `name`. */
function blobWritable(name: string): WritableStream<Uint8Array> {
  let saved: Blob = new Blob([]);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const fold = () => {
    saved = new Blob([saved, ...(pending as BlobPart[])]);
    pending = [];
    pendingBytes = 0;
  };
  return new WritableStream<Uint8Array>({
    write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      if (pendingBytes >= FOLD_BYTES) fold();
    },
    close() {
      fold();
      // Always octet-stream: the sender's type is not trusted to decide how the browser treats the bytes.
      const url = URL.createObjectURL(new Blob([saved], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      // The download manager has its own reference once it started; free ours after a while.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      saved = new Blob([]);
    },
    abort() {
      pending = [];
      saved = new Blob([]);
    },
  });
}
