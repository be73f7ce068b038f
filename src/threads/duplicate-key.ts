import { sha256 } from '../hashing/hashing.js';

/**
 * What WordPress's duplicate check compares beyond the article, the parent and the email: the
 * author's name and the text (wp_allow_comment: `comment_author = %s … AND comment_content = %s`).
 * It compares them in MySQL under WordPress's table collation (utf8mb4_unicode_520_ci), which
 * ignores case and accents but not spacing: "Great piece" and "great piece" are the same comment
 * said twice, "Great  piece" (two spaces) is a new one. Kolom folds the same way (compatibility
 * decomposition, marks dropped, case folded) — close to, not exactly, the collation's first level —
 * and stores the hash, so the check is one indexed equality on both databases.
 */
export function duplicateKey(authorName: string, body: string): string {
  // A NUL never reaches a stored field (safe-input.ts), so it separates the two unambiguously.
  return sha256(`${fold(authorName)}\u0000${fold(body)}`);
}

function fold(text: string): string {
  // Upper then lower case: full case folding for the letters that expand ("ß" and "ss" are equal, as in the collation).
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().toLowerCase();
}
