import { tokenize } from './tokenize.js';

const text = (body: string) => tokenize({ body, authorWebsite: null });

/**
 * A comment is read in one pass whatever its shape: these inputs made the old trailing-punctuation
 * regex backtrack (half a second for one word). How long they take is measured by hand, never here.
 */
describe('tokenize on words built to make it backtrack', () => {
  it('skips one 20,000-character word of hyphens between two letters, and still reads the words around it', () => {
    const word = `a${'-'.repeat(19_998)}b`;
    expect(text(word)).toEqual([]);
    // Only the first 20,000 characters are read: the word fills them, so nothing after it is.
    expect(text(`before ${word} after`)).toEqual(['before']);
    expect(text(`before a${'-'.repeat(5_000)}b after`)).toEqual(['before', 'after']);
  });

  it('reads nothing from a 65,525-character comment of hyphens and apostrophes after one letter', () => {
    const body = `a${"-'’".repeat(21_841)}b`;
    expect(body).toHaveLength(65_525);
    expect(text(body)).toEqual([]);
    expect(text("-'’".repeat(21_841) + '--')).toEqual([]);
  });

  it('still trims trailing hyphens and apostrophes, and keeps a word that fits once trimmed', () => {
    expect(text("well-- said'' rock’n’roll’ twenty-four-letters-word-------")).toEqual(['well', 'said', 'rock’n’roll', 'twenty-four-letters-word']);
    expect(text('twenty-five-letters-words')).toEqual([]);
  });
});
