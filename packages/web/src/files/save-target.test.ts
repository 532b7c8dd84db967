import { describe, expect, it } from 'vitest';
import {
  BLOB_SAVE_MAX_BYTES,
  canSave,
  canStreamToDisk,
  openSaveTarget,
  safeFileName,
} from './save-target.js';

describe('save targets', () => {
  const chromium = { showSaveFilePicker: async () => ({ createWritable: async () => new WritableStream() }) };

  it('streams to disk where the browser has showSaveFilePicker, else allows up to 512 MiB', () => {
    expect(canStreamToDisk(chromium)).toBe(true);
    expect(canStreamToDisk({})).toBe(false);
    expect(BLOB_SAVE_MAX_BYTES).toBe(512 * 2 ** 20);
    expect(canSave(BLOB_SAVE_MAX_BYTES, {})).toBe(true);
    expect(canSave(BLOB_SAVE_MAX_BYTES + 1, {})).toBe(false);
    expect(canSave(2 ** 40, chromium)).toBe(true);
  });

  it('suggests the picked name, made safe, and opens its writable', async () => {
    const asked: unknown[] = [];
    const writable = new WritableStream<Uint8Array>();
    const win = {
      showSaveFilePicker: async (options: unknown) => {
        asked.push(options);
        return { createWritable: async () => writable };
      },
    };
    const opened = await openSaveTarget('../secret\u0000.pdf', 10, win);
    expect(opened).toEqual({ ok: true, target: { writable } });
    expect(asked).toEqual([{ suggestedName: '.._secret_.pdf' }]);
  });

  it('reports a closed picker as cancelled and refuses too large files without the picker', async () => {
    const abort = Object.assign(new Error('closed'), { name: 'AbortError' });
    const closing = {
      showSaveFilePicker: async () => {
        throw abort;
      },
    };
    expect(await openSaveTarget('a', 1, closing)).toEqual({ ok: false, reason: 'cancelled' });
    expect(await openSaveTarget('a', BLOB_SAVE_MAX_BYTES + 1, {})).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('never suggests a path, an empty name or only dots', () => {
    expect(safeFileName('a/b\\c.txt')).toBe('a_b_c.txt');
    expect(safeFileName('  ')).toBe('download');
    expect(safeFileName('..')).toBe('download');
    expect(safeFileName('x'.repeat(300))).toHaveLength(255);
  });
});
