// Whatever a sender chose (context fields, file names, the text, even the server named in the link and so its
// error messages) must not reach a terminal as something the terminal acts on: an ESC starts a control
// sequence (OSC 0 retitles the window, OSC 52 writes the clipboard, CSI 2K erases a line), a bidi override
// shows `exe.pdf` as `fdp.exe`, a zero-width character makes two different names look the same.

/**
 * True for the characters a terminal acts on or does not show: C0 controls, DEL, C1 controls, the bidi
 * marks, embeddings, overrides and isolates (U+200E/200F, U+202A–202E, U+2066–2069, U+061C) and the
 * zero-width characters (U+200B–200D, U+2060, U+FEFF).
 */
export function isHiddenControl(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The escape that stands for one hidden character: `\n`, `\x1b`, `\u202e`. */
function escapeOf(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0)!;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One inert line: every hidden character (line breaks too) shown as an escape. For sender-chosen short
 * strings: context fields, file names, messages. A backslash is left as it is (readable paths beat an
 * unambiguous encoding here: the point is that nothing acts on the terminal).
 *
 * @example
 * ```ts
 * visible('a\u001b]0;pwned\u0007'); // 'a\\x1b]0;pwned\\x07'
 * visible('invoice\u202efdp.exe');   // 'invoice\\u202efdp.exe'
 * ```
 */
export function visible(text: string): string {
  let out = '';
  for (const char of text) out += isHiddenControl(char.codePointAt(0)!) ? escapeOf(char) : char;
  return out;
}

/**
 * A multi-line text made safe for a terminal: like `visible`, but line breaks (`\n`, and `\r` just before
 * `\n`) and tabs stay as they are, so a key or a script stays readable. A lone `\r` (which would let a later
 * part of a line hide an earlier one) is escaped.
 *
 * @example
 * ```ts
 * visibleText('line 1\r\n\tline 2\u001b[2K'); // 'line 1\r\n\tline 2\\x1b[2K'
 * ```
 */
export function visibleText(text: string): string {
  let out = '';
  const chars = [...text];
  for (const [i, char] of chars.entries()) {
    const keep = char === '\n' || char === '\t' || (char === '\r' && chars[i + 1] === '\n');
    out += keep || !isHiddenControl(char.codePointAt(0)!) ? char : escapeOf(char);
  }
  return out;
}

/** True when `visible` would change `text`. */
export function hasHiddenControl(text: string): boolean {
  for (const char of text) if (isHiddenControl(char.codePointAt(0)!)) return true;
  return false;
}
