/**
 * What the scripts of a comment say. Chinese, Japanese, Thai and a few others are written without
 * spaces between words, so the tokenizer finds no words in them: a sentence is one run, too long to
 * be a word, and is skipped. Such runs are read as pairs of neighbouring characters instead, as
 * search engines index them. And every script other than Latin a text is written in is a token of
 * its own (`script:han`): on a site whose readers write English, Chinese text is telling, and on a
 * site whose readers write Chinese the site's own model learns that it is not.
 */

/** Runs of the scripts written without spaces. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+/gu;
/** Enough to tell a text, few enough that a long one costs no more to judge than an English one. */
const MAX_PAIRS = 300;

/** Pairs of neighbouring characters in the text's unspaced runs (a lone character stands for itself). */
export function characterPairs(text: string): string[] {
  const pairs = new Set<string>();
  for (const [run] of text.matchAll(UNSPACED)) {
    const chars = [...run];
    if (chars.length === 1) pairs.add(chars[0]);
    for (let i = 0; i + 1 < chars.length && pairs.size < MAX_PAIRS; i += 1) pairs.add(chars[i] + chars[i + 1]);
    if (pairs.size >= MAX_PAIRS) break;
  }
  return [...pairs];
}

/**
 * A character past Latin and its accents, general punctuation and currency signs: a plain range
 * scan, cheap on the long English comment, before the script-by-script reading below.
 */
const PAST_LATIN = /[^\u0020-\u036f\s\u1e00-\u1eff\u2000-\u20ff]/;
/** A letter of any script but Latin. */
const NOT_LATIN = /[^\P{L}\p{Script=Latin}]/u;
const SCRIPTS: Array<[string, RegExp]> = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['thai', /\p{Script=Thai}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
];

/** `script:…` for each script other than Latin the text has letters in (`script:other` for the rest). */
export function scriptTokens(text: string): string[] {
  if (!PAST_LATIN.test(text) || !NOT_LATIN.test(text)) return [];
  const found = SCRIPTS.filter(([, letter]) => letter.test(text)).map(([name]) => `script:${name}`);
  return found.length > 0 ? found : ['script:other'];
}
