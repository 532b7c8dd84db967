/**
 * A file to send: its metadata (travels only inside the encrypted payload) and a way to read its plaintext
 * from any offset. `open` may be called more than once: after a dropped connection the upload reopens the
 * source at the start of the last complete record. Nothing here holds the whole file in memory.
 *
 * @example
 * ```ts
 * const source: FileSource = fileSourceFromBlob(input.files[0]); // a browser File
 * await client.send({ files: [source] });
 * ```
 */
export interface FileSource {
  /** The name shown to the recipient (the CLI and web app sanitise it before saving). */
  name: string;
  /** MIME type, or '' when unknown. */
  type: string;
  /** Plaintext length in bytes; the stream from `open(0)` must deliver exactly this many. */
  size: number;
  /** The plaintext bytes from `offset` to the end. */
  open(offset: number): ReadableStream<Uint8Array>;
}

/**
 * A {@link FileSource} over a browser `File` or any `Blob` (`blob.slice(offset).stream()`): read lazily,
 * never loaded whole. `name` defaults to the File's name, else `'file'`.
 *
 * @example
 * ```ts
 * const sources = [...input.files].map((file) => fileSourceFromBlob(file));
 * ```
 */
export function fileSourceFromBlob(blob: Blob, name?: string): FileSource {
  const fileName = name ?? (typeof (blob as File).name === 'string' ? (blob as File).name : 'file');
  return {
    name: fileName,
    type: blob.type,
    size: blob.size,
    open: (offset) => blob.slice(offset).stream() as ReadableStream<Uint8Array>,
  };
}

/**
 * A {@link FileSource} over bytes already in memory (small files, tests). The bytes are not copied.
 *
 * @example
 * ```ts
 * const source = fileSourceFromBytes(new TextEncoder().encode('hello'), 'hello.txt', 'text/plain');
 * ```
 */
export function fileSourceFromBytes(bytes: Uint8Array, name: string, type = ''): FileSource {
  return {
    name,
    type,
    size: bytes.length,
    open: (offset) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          if (offset < bytes.length) controller.enqueue(bytes.subarray(offset));
          controller.close();
        },
      }),
  };
}
