import type { PseudoLocale } from './locales.js';

const ACCENTED: Record<string, string | undefined> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i],
  ]),
);
/** Padding words: accented too, so that they never pass for English left in the page. */
const PAD = ['ŀöŕéɱ', 'îþšûɱ', 'đöŀöŕ', 'šîţ', 'àɱéţ'];

/**
 * A pseudo-translation of an English message: every letter accented, about 40% longer (German and Finnish run
 * that long) and bracketed, so that a hard-coded string shows up as plain ASCII and a cut-off one loses its
 * closing bracket. `{placeholders}` stay as they are.
 *
 * @example
 * ```ts
 * pseudoText('Copy {n} links'); // '[Çöþý {n} ĺîñķš ŀöŕéɱ]'
 * ```
 */
export function pseudoText(english: string): string {
  const accented = english
    .split(/(\{\w+\})/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTED[c] ?? c)))
    .join('');
  const words: string[] = [];
  for (let extra = 0, i = 0; extra < Math.ceil(english.length * 0.4); i++) {
    const word = PAD[i % PAD.length]!;
    words.push(word);
    extra += word.length + 1;
  }
  return `[${accented} ${words.join(' ')}]`;
}

/** Every message of a set, pseudo-translated (the same text for both pseudo-locales; only `dir` differs). */
export function pseudoMessages(
  english: Record<string, string>,
  _locale: PseudoLocale,
): Record<string, string> {
  return Object.fromEntries(Object.entries(english).map(([key, text]) => [key, pseudoText(text)]));
}
