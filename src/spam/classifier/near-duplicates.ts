/**
 * A burst of the same spam, marked one by one, must not teach the model a hundred times what it
 * learned from the first few: it would swamp everything else the site taught (and a spammer could
 * drown a reader's vocabulary on purpose). Comments with the same words, whatever their order,
 * numbers, links and names, share a fingerprint; only the first DUPLICATE_CAP of a fingerprint
 * with one label teach, the rest are recorded and teach nothing.
 */
export const DUPLICATE_CAP = 3;

/** 16 hex digits: two 32-bit FNV-1a hashes of the sorted plain words (tokens with no namespace, no pair, no digit). */
export function fingerprintOf(tokens: string[]): string {
  const words = tokens.filter((t) => !t.includes(':') && !t.includes(' ') && !/\d/.test(t)).sort();
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const word of words) {
    for (let i = 0; i < word.length; i += 1) {
      const c = word.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x20, 0x01000193);
    b = Math.imul(b ^ 0x20, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
