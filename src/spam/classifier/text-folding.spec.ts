import { tokenize } from './tokenize.js';

const text = (body: string) => tokenize({ body, authorWebsite: null });

describe('disguised words are read as the words they imitate', () => {
  it.each([
    ['leet', 'Buy v1agra and c@sino chips', ['viagra', 'casino']],
    ['spaced out', 'Play c a s i n o and v.i.a.g.r.a tonight', ['casino', 'viagra']],
    ['full-width and styled letters', 'ｃａｓｉｎｏ 𝐛𝐨𝐧𝐮𝐬', ['casino', 'bonus']],
    ['Cyrillic look-alikes', 'Free саsіnо spins', ['casino']],
  ])('%s', (_kind, body, words) => {
    expect(text(body)).toEqual(expect.arrayContaining(words));
  });

  it('leaves ordinary numbers, initials and other scripts alone', () => {
    expect(text('On the 2nd at 10am, J. R. Smith said: мы против')).toEqual(expect.arrayContaining(['2nd', '10am', 'мы', 'против']));
    expect(text('On the 2nd at 10am')).not.toContain('ind');
  });

  it('reads link shorteners, bare IP addresses and a link in the name', () => {
    expect(tokenize({ body: 'see https://bit.ly/x and http://192.0.2.7/y', authorWebsite: null })).toEqual(
      expect.arrayContaining(['link:shortener', 'link:ip']),
    );
    expect(tokenize({ body: 'hello there', authorWebsite: null, authorName: 'Cheap Pills www.pills.example' })).toContain('name:link');
  });
});
