/**
 * What the classifier reads of a comment: its words (folded, so a disguised word counts as the word
 * it imitates), pairs of neighbouring words, what it links to, and a few shapes (how many links,
 * how long, a website, shouting, capitals and exclamation marks). Each token counts once per comment: a word said ten times is no
 * more telling than said once, and a spammer cannot outweigh a reader by repetition.
 *
 * Namespaces keep the kinds apart and tell moderators what a token is: a plain word, "a b" (two
 * neighbouring words), `domain:`, `tld:`, `link:` (how a link is made), `website:`, `name:`,
 * `shape:`.
 */
import { characterPairs, scriptTokens } from './script-features.js';
import { foldConfusables, foldText, spacedOutWords, unleet } from './text-folding.js';
import { urlTokens } from './url-features.js';

/** Letters and digits, with the signs leet spelling puts for letters ("c@sino", "v!agra") kept in. */
const WORD = /[\p{L}\p{N}@$!|€][\p{L}\p{N}'’@$!|€-]*/gu;
const SIGNS = /[@$!|€]/g;
const LETTER = /\p{L}/u;
const URL = /\b(?:https?:\/\/|www\.)([^\s/?#<>"']+)\S*/gi;
const MIN_WORD = 2;
const MAX_WORD = 24;
const TRAILING = new Set(["'", '’', '-', '!', '$', '|', '@']);

export interface TokenSource {
  body: string;
  authorWebsite: string | null;
  /** Absent where only the text is known (an import's lesson): no `name:` token then. */
  authorName?: string | null;
  /** Absent where only the text is known: no `email:` token then. */
  authorEmail?: string | null;
}

/** Which kinds of token to read; `npm run spam:eval -- --levers` measures each on its folds. */
export interface FeatureSet {
  /** Neighbouring word pairs ("free spins"). */
  bigrams: boolean;
  /** NFKC, look-alike letters, leet and spaced-out words folded to the word they imitate. */
  folding: boolean;
  /** Top-level domain, shorteners, bare IP addresses, links per word, a link in the name. */
  links: boolean;
  /** The length of the text, in a few steps. */
  length: boolean;
  /** Pairs of neighbouring characters in scripts written without spaces (Chinese, Japanese, Thai). */
  characterPairs: boolean;
  /** Each script other than Latin the text is written in. */
  scripts: boolean;
  /** How much of the text is capitals, and how many exclamation marks it has, in a few steps. */
  emphasis: boolean;
  /** The author's email domain, its top-level domain, and three digits in a row in the mailbox's name. */
  email: boolean;
}

export const ALL_FEATURES: FeatureSet = {
  bigrams: true,
  folding: true,
  links: true,
  length: true,
  characterPairs: true,
  scripts: true,
  emphasis: true,
  email: true,
};
/**
 * What the classifier reads. Left out, as the folds showed: word pairs (no gain for the regression,
 * a loss for Bayes, three times the weights) and length (a slight loss). Folding and the link
 * features were neutral on the corpus (2002 mail, few disguised words or shorteners) and are kept
 * for what comment spam does today. The scripts a text is written in gained on every seed (0.7 points
 * of recall at 0.5 % false positives, over 5 seeds); character pairs were neutral on the corpus,
 * whose Chinese and Thai mail is mostly undecodable, and are left for a corpus that has such text.
 * Emphasis (the share of capitals, the count of exclamation marks) gained about a point of recall at
 * the same false positives on the folds (93.9 % to 95.0 %, 5 seeds); numbers, money and percentages,
 * the words of link paths, the first line's words apart, HTML remnants and a token for a throw-away
 * mailbox or two links (the pipeline's soft holds, as features) were neutral or cost recall.
 */
export const DEFAULT_FEATURES: FeatureSet = {
  bigrams: false,
  folding: true,
  links: true,
  length: false,
  characterPairs: false,
  scripts: true,
  emphasis: true,
  email: false,
};

/**
 * Only the start of a long comment is read: the rest of a 65,525-character comment would only make
 * the slowest posts slower. Reading less cost recall on the folds (2,000 to 6,000 characters: 0.4 to
 * 1 point at 0.5 % false positives). Word pairs are read over the first MAX_PAIRS words only.
 */
const READ_CHARS = 10_000;
const MAX_PAIRS = 500;

export function tokenize({ body: fullBody, authorWebsite, authorName, authorEmail }: TokenSource, features: FeatureSet = DEFAULT_FEATURES): string[] {
  const raw = fullBody.length > READ_CHARS ? fullBody.slice(0, READ_CHARS) : fullBody;
  const body = features.folding ? foldText(raw) : raw.toLowerCase();
  const tokens = new Set<string>();
  const hosts: string[] = [];
  for (const match of body.matchAll(URL)) {
    hosts.push(match[1]);
    tokens.add(`domain:${registrable(match[1])}`);
  }
  const text = hosts.length > 0 ? body.replace(URL, ' ') : body;
  let words = 0;
  let previous: string | null = null;
  for (const [found] of text.matchAll(WORD)) {
    // Trailing hyphens and apostrophes are trimmed by a scan, not a regex: /['’-]+$/ backtracks on a
    // long run that does not end the word ("a---…---b"), 0.5 s for one 20,000-character word. A word
    // still too long is skipped before anything else reads it, so each word costs its length once.
    const end = endOfWord(found);
    if (end < MIN_WORD || end > MAX_WORD) {
      previous = null;
      continue;
    }
    let word = found.slice(0, end);
    // Most words are plain lower-case Latin: nothing to fold, no disguise, no sign to drop. Telling
    // them by their character codes spares each of them the four regular expressions below.
    const plainLatin = isPlainWord(word);
    if (!plainLatin && !LETTER.test(word)) {
      previous = null;
      continue;
    }
    words += 1;
    if (!plainLatin) {
      let plain: string | null = null;
      if (features.folding) {
        word = foldConfusables(word);
        plain = unleet(word);
        // Both: the word it stands for, and the disguise itself, which readers seldom write.
        if (plain) tokens.add(plain);
      }
      if (plain === null && /[@$!|€]/.test(word)) word = word.replace(SIGNS, '');
      if (word.length < MIN_WORD) continue;
    }
    tokens.add(word);
    if (features.bigrams && previous !== null && words <= MAX_PAIRS) tokens.add(`${previous} ${word}`);
    previous = word;
  }
  if (features.folding) for (const word of spacedOutWords(text)) tokens.add(word);
  if (features.characterPairs) for (const pair of characterPairs(text)) tokens.add(pair);
  if (features.scripts) for (const script of scriptTokens(text)) tokens.add(script);
  if (hosts.length > 0) {
    tokens.add('shape:links');
    if (features.links) for (const token of urlTokens(hosts, words)) tokens.add(token);
  }
  if (features.length) tokens.add(`shape:words:${lengthStep(words)}`);
  if (authorWebsite) {
    tokens.add('shape:website');
    const host = /^https?:\/\/([^/?#]+)/i.exec(authorWebsite)?.[1];
    if (host) {
      tokens.add(`website:${registrable(host)}`);
      if (features.links) for (const token of urlTokens([host], 0, 'website')) tokens.add(token);
    }
  }
  if (features.links && authorName && /https?:\/\/|www\.|\.(?:com|net|org|info|biz|ru|xyz|top|online|shop|site)\b/i.test(authorName)) tokens.add('name:link');
  // Any lower-case letter and it is not shouting: the usual case costs one short scan.
  if (!/\p{Ll}/u.test(raw)) {
    const letters = raw.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 20 && letters === letters.toUpperCase()) tokens.add('shape:shouting');
  }
  if (features.emphasis) for (const token of emphasisTokens(raw)) tokens.add(token);
  if (features.email && authorEmail) for (const token of emailTokens(authorEmail)) tokens.add(token);
  return [...tokens];
}

/**
 * How loud a text is: `shape:caps:0` to `3` (under 5 %, 15 %, 30 % of its a–z letters capitals, or
 * more; only from 20 letters on) and `shape:bang:0` to `3` (no exclamation mark, one, up to four,
 * five or more), and `shape:bangs` for "!!". Readers quote an acronym or exclaim once; offers shout.
 * One pass over character codes: it costs the longest comment about as much as reading it once.
 */
export function emphasisTokens(text: string): string[] {
  let upper = 0;
  let lower = 0;
  let bangs = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) lower += 1;
    else if (c >= 65 && c <= 90) upper += 1;
    else if (c === 33) bangs += 1;
  }
  const tokens = [`shape:bang:${bangs === 0 ? 0 : bangs === 1 ? 1 : bangs < 5 ? 2 : 3}`];
  if (text.includes('!!')) tokens.push('shape:bangs');
  if (upper + lower >= 20) {
    const share = upper / (upper + lower);
    tokens.push(`shape:caps:${share < 0.05 ? 0 : share < 0.15 ? 1 : share < 0.3 ? 2 : 3}`);
  }
  return tokens;
}

/** 1, 2–3, 4–7, … words: a one-line comment and an essay are told apart, not 40 words from 41. */
function lengthStep(words: number): number {
  return words === 0 ? 0 : Math.min(12, Math.floor(Math.log2(words)) + 1);
}

/**
 * Only a–z, apostrophes and hyphens, starting with a letter (WORD guarantees that much once one of
 * a–z is there): such a word has no look-alike letter, no leet digit or sign, and reads as itself.
 */
function isPlainWord(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || c === 39 || c === 45 || c === 0x2019)) return false;
  }
  return word.charCodeAt(0) >= 97;
}

/** Where a word ends once its trailing hyphens, apostrophes and signs are left off. */
function endOfWord(word: string): number {
  let end = word.length;
  while (end > 0 && TRAILING.has(word[end - 1])) end -= 1;
  return end;
}

/** "shop.cheap-pills.example" and "www.cheap-pills.example" are the same sender: keep the last two labels. */
export function registrable(host: string): string {
  const labels = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '').split('.');
  return labels.slice(-2).join('.');
}

/** `email:example.com`, `email-tld:com`, and `email:digits` for a mailbox like "kelly2002@". The mailbox's name itself is never a token. */
export function emailTokens(email: string): string[] {
  const at = email.lastIndexOf('@');
  if (at < 0) return [];
  const domain = email.slice(at + 1).toLowerCase();
  const tokens = [`email:${registrable(domain)}`, `email-tld:${domain.slice(domain.lastIndexOf('.') + 1)}`];
  if (/\d{3}/.test(email.slice(0, at))) tokens.push('email:digits');
  return tokens;
}
