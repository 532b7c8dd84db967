import { isHiddenControl } from '../visible.js';

/** The most UTF-8 bytes a file name may have on common file systems. */
const MAX_NAME_BYTES = 255;

/** Why a sender's file name was not kept as it was (each shown to the user). */
export type NameChange = 'path' | 'hidden' | 'spaces' | 'leading' | 'empty' | 'long';

/** What each change means, for the message that says a file was renamed. */
export const NAME_CHANGE_TEXT: Record<NameChange | 'taken', string> = {
  path: 'directories removed',
  hidden: 'control, bidi or zero-width characters removed',
  spaces: 'surrounding spaces removed',
  leading: 'a name starting with "-" or "." gets "_" in front',
  empty: 'no usable name',
  long: 'shortened to 255 bytes',
  taken: 'a file of that name exists',
};

/**
 * A safe local file name from a sender-chosen one, and what was changed: the last path component only (`/`
 * and `\` both separate), without control, bidi or zero-width characters (which can run terminal sequences,
 * disguise an extension or make two names look alike), trimmed; `''`, `.`, `..` or only dots → `file`; a
 * name starting with `-` (read as an option by the next command) or `.` (hidden; `.envrc`, `.bashrc` are run
 * by shells and tools) gets `_` in front; at most 255 UTF-8 bytes (the extension kept).
 *
 * @example
 * ```ts
 * planFileName('../../etc/passwd'); // { name: 'passwd', changes: ['path'] }
 * planFileName('-rf');              // { name: '_-rf', changes: ['leading'] }
 * ```
 */
export function planFileName(name: string): { name: string; changes: NameChange[] } {
  const changes: NameChange[] = [];
  const parts = name.split(/[/\\]/);
  if (parts.length > 1) changes.push('path');
  const last = parts.pop() ?? '';
  const chars = [...last];
  const kept = chars.filter((char) => !isHiddenControl(char.codePointAt(0)!));
  if (kept.length !== chars.length) changes.push('hidden');
  let clean = kept.join('').trim();
  if (clean !== kept.join('')) changes.push('spaces');
  if (/^\.*$/.test(clean)) return { name: 'file', changes: [...changes, 'empty'] };
  if (clean.startsWith('-') || clean.startsWith('.')) {
    clean = `_${clean}`;
    changes.push('leading');
  }
  const short = truncate(clean);
  if (short !== clean) changes.push('long');
  return { name: short, changes };
}

/** `planFileName(name).name`. */
export function sanitizeFileName(name: string): string {
  return planFileName(name).name;
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
