/**
 * Spammers dress a word up so a filter that knows it does not recognise it: full-width or
 * mathematical letters (ｃａｓｉｎｏ, 𝐜𝐚𝐬𝐢𝐧𝐨), Cyrillic or Greek look-alikes (саsіnо), digits and signs
 * for letters (v1agra, c@sino), letters spaced out (c a s i n o, v.i.a.g.r.a). Folding undoes that
 * before words are read, so the disguised word counts as the word a reader sees.
 */

/**
 * Letters of other scripts drawn like Latin ones (Unicode's confusables, the lower-case letters that
 * matter): after NFKC and lower-casing, each stands for the Latin letter it imitates. Only applied
 * inside a word that also has Latin letters: a Russian or Greek reader's own words stay as written.
 */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ɑ: 'a',
  ɡ: 'g',
  ı: 'i',
  ȷ: 'j',
  ʏ: 'y',
};
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'u');
const LATIN = /[a-z]/;

/** Digits and signs written for letters ("leet"), read only inside a word that has letters too. */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's', '!': 'i', '|': 'l', '€': 'e' };
/** A letter-and-sign word: at least one letter and one stand-in, nothing else ("v1agra", "c@sino", "fr33"). */
const LEETISH = /^(?=.*[a-z])(?=.*[0-9@$!|€])[a-z0-9@$!|€]{3,24}$/;
/** Tokens that are plainly not disguised words: ordinals, units, versions, codes (2nd, 10am, mp3, b2b). */
const NOT_DISGUISED = /^\d+(?:st|nd|rd|th|am|pm|s|k|m|g|kg|km|mb|gb|x)$|^[a-z]+\d+$/;

/** NFKC (full-width and styled letters to plain ones), lower case. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The Latin word a mixed-script word imitates ("саsіnо" → "casino"), or the word as it was. */
export function foldConfusables(word: string): string {
  if (!CONFUSABLE.test(word) || !LATIN.test(word)) return word;
  let folded = '';
  for (const char of word) folded += CONFUSABLES[char] ?? char;
  return folded;
}

/** The word a leet-spelled one stands for ("v1agra" → "viagra"), or null when it is no such word. */
export function unleet(word: string): string | null {
  if (!LEETISH.test(word) || NOT_DISGUISED.test(word)) return null;
  let folded = '';
  for (const char of word) folded += LEET[char] ?? char;
  return folded;
}

/**
 * Words spelled out a letter at a time ("c a s i n o", "v.i.a.g.r.a", "f-r-e-e"): each run of four
 * or more single letters with one separator kind between them, joined. Four, so that "a b c" lists
 * and initials ("J. R. R.") are left alone.
 */
const SPACED_OUT = /(?<![\p{L}\p{N}])\p{L}(?:([ .\-_*]{1,2})\p{L}(?![\p{L}\p{N}])){3,}/gu;

export function spacedOutWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(SPACED_OUT)) words.push(match[0].replace(/[^\p{L}]/gu, ''));
  return words;
}
