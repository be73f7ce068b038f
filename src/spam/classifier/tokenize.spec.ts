import { DEFAULT_FEATURES, emailTokens, emphasisTokens, tokenize } from './tokenize.js';

/** The words, without the emphasis shapes every text has (`shape:bang:0`). */
const text = (body: string) => tokenize({ body, authorWebsite: null }, { ...DEFAULT_FEATURES, emphasis: false });

/**
 * A comment is read in one pass whatever its shape: these inputs made the old trailing-punctuation
 * regex backtrack (half a second for one word). How long they take is measured by hand, never here.
 */
describe('tokenize on words built to make it backtrack', () => {
  it('skips one 20,000-character word of hyphens between two letters, and still reads the words around it', () => {
    const word = `a${'-'.repeat(19_998)}b`;
    expect(text(word)).toEqual([]);
    // Only the first 10,000 characters are read: the word fills them, so nothing after it is.
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

describe('tokenize on scripts other than Latin', () => {
  it('names each script a comment is written in besides Latin, and none for English with typographic quotes', () => {
    expect(text('Ви можете купити тут дешево')).toContain('script:cyrillic');
    expect(text('這是一個測試 and some English')).toEqual(expect.arrayContaining(['script:han', 'english']));
    expect(text('“Quoted” text — with a dash, déjà vu and €5')).not.toEqual(expect.arrayContaining([expect.stringMatching(/^script:/)]));
  });

  it('reads a script written without spaces as pairs of neighbouring characters when asked to', () => {
    const tokens = tokenize({ body: '便宜的手表', authorWebsite: null }, { ...DEFAULT_FEATURES, characterPairs: true });
    expect(tokens).toEqual(expect.arrayContaining(['便宜', '宜的', '的手', '手表']));
  });
});

describe('emphasis', () => {
  it('tells a calm reply from a shouted offer by its capitals and exclamation marks', () => {
    expect(emphasisTokens('I think the council was right to wait for the audit.')).toEqual(['shape:bang:0', 'shape:caps:0']);
    expect(emphasisTokens('ACT NOW!!! FREE membership, LIMITED offer, CLICK HERE!!')).toEqual(['shape:bang:3', 'shape:bangs', 'shape:caps:3']);
  });

  it('says nothing of capitals in a text of fewer than 20 letters', () => {
    expect(emphasisTokens('Agreed!')).toEqual(['shape:bang:1']);
  });

  it('is part of what the classifier reads', () => {
    expect(tokenize({ body: 'Great news! Really great news!', authorWebsite: null })).toEqual(
      expect.arrayContaining(['great', 'shape:bang:2', 'shape:caps:1']),
    );
  });
});

describe('emailTokens', () => {
  it('reads the domain, its top-level domain and a run of digits, never the mailbox name', () => {
    expect(emailTokens('kelly2002@Mail.Cheap-Pills.example')).toEqual(['email:cheap-pills.example', 'email-tld:example', 'email:digits']);
    expect(emailTokens('ann.reader@news.example')).toEqual(['email:news.example', 'email-tld:example']);
    expect(emailTokens('no-at-sign')).toEqual([]);
  });

  it('is read only when asked for: the default features leave the email out', () => {
    const source = { body: 'a plain reply to the article', authorWebsite: null, authorEmail: 'kelly2002@pills.example' };
    expect(tokenize(source).some((t) => t.startsWith('email'))).toBe(false);
    expect(tokenize(source, { ...DEFAULT_FEATURES, email: true })).toEqual(expect.arrayContaining(['email:pills.example', 'email:digits']));
  });
});
