import { duplicateKey } from './duplicate-key.js';

describe("duplicateKey, WordPress's duplicate comparison under its collation", () => {
  it('the same name and text make the same key', () => {
    expect(duplicateKey('Ayu', 'Thanks!')).toBe(duplicateKey('Ayu', 'Thanks!'));
  });

  it('ignores case and accents, as utf8mb4_unicode_520_ci does (checked on MariaDB 10.11)', () => {
    expect(duplicateKey('Ayu', 'Great piece')).toBe(duplicateKey('AYU', 'great PIECE'));
    expect(duplicateKey('Zoë', 'Café')).toBe(duplicateKey('Zoe', 'cafe'));
    expect(duplicateKey('Ayu', 'Straße')).toBe(duplicateKey('Ayu', 'strasse'));
    expect(duplicateKey('Ayu', 'ﬁne')).toBe(duplicateKey('Ayu', 'fine'));
  });

  it('does not ignore spacing: a doubled inner space is a new comment', () => {
    expect(duplicateKey('Ayu', 'Great piece')).not.toBe(duplicateKey('Ayu', 'Great  piece'));
    expect(duplicateKey('Ayu', 'Great piece')).not.toBe(duplicateKey('Ayu', 'Great\npiece'));
  });

  it('another name is another author', () => {
    expect(duplicateKey('Ayu', 'Agreed.')).not.toBe(duplicateKey('Budi', 'Agreed.'));
  });

  it('the name and the text cannot trade characters', () => {
    expect(duplicateKey('Ayu A', 'b')).not.toBe(duplicateKey('Ayu', 'A b'));
  });
});
