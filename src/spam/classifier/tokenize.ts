/**
 * What the classifier reads of a comment: its words, the domains it links to, and a few shapes
 * (links at all, a website, shouting). Each token counts once per comment: a word said ten times
 * is no more telling than said once, and a spammer cannot outweigh a reader by repetition.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
const URL = /\b(?:https?:\/\/|www\.)([^\s/?#<>"']+)\S*/gi;
const MIN_WORD = 2;
const MAX_WORD = 24;
const TRAILING = new Set(["'", '’', '-']);

export interface TokenSource {
  body: string;
  authorWebsite: string | null;
}

/**
 * Only the start of a long comment is read: 20,000 characters say all there is to say, and reading
 * the rest of a 65,525-character comment would only make the slowest posts slower.
 */
const READ_CHARS = 20_000;

export function tokenize({ body: fullBody, authorWebsite }: TokenSource): string[] {
  const body = fullBody.length > READ_CHARS ? fullBody.slice(0, READ_CHARS) : fullBody;
  const tokens = new Set<string>();
  for (const match of body.matchAll(URL)) tokens.add(`domain:${registrable(match[1])}`);
  const text = body.replace(URL, ' ');
  for (const [word] of text.matchAll(WORD)) {
    // Trailing hyphens and apostrophes are trimmed by a scan, not a regex: /['’-]+$/ backtracks on a
    // long run that does not end the word ("a---…---b"), 0.5 s for one 20,000-character word. A word
    // still too long is skipped before anything else reads it, so each word costs its length once.
    const end = endOfWord(word);
    if (end < MIN_WORD || end > MAX_WORD) continue;
    const lower = word.slice(0, end).toLowerCase();
    if (!/^\d+$/.test(lower)) tokens.add(lower);
  }
  if (tokens.size > 0 && [...tokens].some((t) => t.startsWith('domain:'))) tokens.add('shape:links');
  if (authorWebsite) {
    tokens.add('shape:website');
    const host = /^https?:\/\/([^/?#]+)/i.exec(authorWebsite)?.[1];
    if (host) tokens.add(`website:${registrable(host)}`);
  }
  // Any lower-case letter and it is not shouting: the usual case costs one short scan.
  if (!/\p{Ll}/u.test(body)) {
    const letters = body.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 20 && letters === letters.toUpperCase()) tokens.add('shape:shouting');
  }
  return [...tokens];
}

/** Where a word ends once its trailing hyphens and apostrophes are left off. */
function endOfWord(word: string): number {
  let end = word.length;
  while (end > 0 && TRAILING.has(word[end - 1])) end -= 1;
  return end;
}

/** "shop.cheap-pills.example" and "www.cheap-pills.example" are the same sender: keep the last two labels. */
function registrable(host: string): string {
  const labels = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '').split('.');
  return labels.slice(-2).join('.');
}
