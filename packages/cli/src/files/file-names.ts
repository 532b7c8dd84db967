/** The most UTF-8 bytes a file name may have on common file systems. */
const MAX_NAME_BYTES = 255;

/**
 * A safe local file name from a sender-chosen one: the last path component only (`/` and `\` both
 * separate), without control characters (C0, DEL, C1) or bidirectional overrides (which can disguise an
 * extension), trimmed, at most 255 UTF-8 bytes (the extension kept); `''`, `.`, `..` or only dots → `file`.
 *
 * @example
 * ```ts
 * sanitizeFileName('../../etc/passwd'); // 'passwd'
 * sanitizeFileName('..');               // 'file'
 * ```
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const clean = [...last]
    .filter((char) => !unsafe(char.codePointAt(0)!))
    .join('')
    .trim();
  if (/^\.*$/.test(clean)) return 'file';
  return truncate(clean);
}

/** C0 controls, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and isolates. */
function unsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/**
 * The `n`-th alternative of a name for when it is taken: `report (1).pdf`, `report (2).pdf`, … (before the
 * extension; a leading dot is not an extension).
 *
 * @example
 * ```ts
 * numberedName('report.pdf', 2); // 'report (2).pdf'
 * ```
 */
export function numberedName(name: string, n: number): string {
  if (n === 0) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  return truncate(`${stem} (${n})${ext}`, ` (${n})${ext}`.length);
}

/** Cuts the stem so the name fits MAX_NAME_BYTES, keeping the last `keep` characters (extension, number). */
function truncate(name: string, keep?: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const tailLength = keep ?? (dot > 0 && name.length - dot <= 16 ? name.length - dot : 0);
  const tail = name.slice(name.length - tailLength);
  let stem = [...name.slice(0, name.length - tailLength)];
  while (stem.length > 0 && encoder.encode(stem.join('') + tail).length > MAX_NAME_BYTES)
    stem = stem.slice(0, -1);
  return stem.join('') + tail;
}
