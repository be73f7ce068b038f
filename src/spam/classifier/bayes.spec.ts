import { chiSquaredQ, tokenProbability } from './bayes.js';
import { InMemoryModel } from './in-memory-model.js';
import { judge } from './spam-model.js';
import { tokenize } from './tokenize.js';

const text = (body: string, authorWebsite: string | null = null) => tokenize({ body, authorWebsite });

describe('tokenize', () => {
  it('reads words once each, lower-cased, with the domains linked to and the shape of the comment', () => {
    expect(
      text('Cheap PILLS, cheap pills! Order at https://shop.cheap-pills.example/buy?id=7 or www.cheap-pills.example today', 'http://spam.example/x'),
    ).toEqual([
      'domain:cheap-pills.example',
      'cheap',
      'pills',
      'order',
      'at',
      'or',
      'today',
      'shape:links',
      'tld:example',
      'link:dense',
      'shape:website',
      'website:spam.example',
      'website-tld:example',
      'shape:bang:1',
      'shape:caps:1',
    ]);
  });

  it('keeps letters of any script, drops bare numbers and one-letter words', () => {
    expect(text("Warga Kota Tua menolak rencana 2026 — it's a 'no'")).toEqual([
      'warga',
      'kota',
      'tua',
      'menolak',
      'rencana',
      "it's",
      'no',
      'shape:bang:0',
      'shape:caps:1',
    ]);
  });

  it('notices shouting', () => {
    expect(text('THIS IS THE BEST OFFER YOU WILL EVER SEE')).toContain('shape:shouting');
    expect(text('This is the best offer you will ever see')).not.toContain('shape:shouting');
  });
});

describe('naive Bayes (Robinson, Fisher) and the regression beside it', () => {
  it('chi-squared tail with even degrees of freedom', () => {
    expect(chiSquaredQ(0, 2)).toBe(1);
    expect(chiSquaredQ(2, 2)).toBeCloseTo(Math.exp(-1), 12);
    expect(chiSquaredQ(4, 4)).toBeCloseTo(3 * Math.exp(-2), 12);
  });

  it('smooths a token seen once toward 0.5 and trusts one seen often', () => {
    const totals = { spam: 100, ham: 100 };
    expect(tokenProbability({ spam: 1, ham: 0 }, totals)).toBeCloseTo((0.45 * 0.5 + 1) / 1.45, 12);
    expect(tokenProbability({ spam: 40, ham: 0 }, totals)).toBeGreaterThan(0.98);
    expect(tokenProbability({ spam: 20, ham: 20 }, totals)).toBeCloseTo(0.5, 12);
    expect(tokenProbability({ spam: 0, ham: 0 }, totals)).toBe(0.5);
  });

  it('learns from labelled comments and tells new spam from new ham, saying which words decided', async () => {
    const model = new InMemoryModel();
    const spam = [
      'Cheap pills online, order now at https://pills.example',
      'Buy cheap watches, free shipping, order now https://watches.example',
      'Earn money from home, click https://money.example now',
      'Best casino bonus, free spins, click https://casino.example',
      'Cheap loans, instant approval, order now https://loans.example',
    ];
    const ham = [
      'The council should publish the budget before the vote.',
      'I live near the harbour and the night ferry matters to our shift workers.',
      'Thanks for covering the school board meeting, the reporter asked good questions.',
      'The bus timetable on the east side changed last week without notice.',
      'Could the paper follow up on the water quality report from the river?',
    ];
    for (const body of spam) model.learn(text(body), 'spam');
    for (const body of ham) model.learn(text(body), 'ham');

    const judged = async (body: string) => judge(text(body), await model.reading(1, text(body)));
    const spammy = await judged('Free spins and cheap pills, order now at https://bonus.example');
    const readerly = await judged('The council vote on the harbour budget was close.');
    expect(spammy.spamProbability).toBeGreaterThan(0.5);
    expect(readerly.spamProbability).toBeLessThan(0.5);
    expect(spammy.shares.filter((s) => s.share > 0).map((s) => s.token)).toEqual(expect.arrayContaining(['cheap', 'now']));
    expect(readerly.shares[0].share).toBeLessThan(0);
    expect((await judged('Zebra quantum marmalade')).bayes).toBe(0.5);
  });
});
