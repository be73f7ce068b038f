import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../sites/site-settings.js';
import { DisposableEmailCheck } from './checks/disposable-email.check.js';
import { HoneypotCheck } from './checks/honeypot.check.js';
import { LinksCheck } from './checks/links.check.js';
import { WordsCheck } from './checks/words.check.js';
import type { SpamCandidate, SpamCheck } from './spam-check.js';
import { SpamService } from './spam.service.js';

function candidate(overrides: Partial<SpamCandidate> = {}, settings: Partial<SiteSettings> = {}): SpamCandidate {
  const merged = { ...DEFAULT_SITE_SETTINGS, ...settings };
  return {
    siteId: 1,
    settings: merged,
    premoderation: merged.premoderation,
    edit: false,
    articleId: 1,
    articleUrl: 'https://news.example/politics/budget-vote',
    siteUrl: 'https://news.example',
    body: 'The council should publish the full budget before the vote.',
    authorName: 'Ayu Lestari',
    authorEmail: 'ayu@example.org',
    authorWebsite: null,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/140.0',
    formToken: undefined,
    honeypot: undefined,
    ...overrides,
  };
}

describe('spam checks, each on its own', () => {
  it('honeypot: an empty hidden field says nothing; a filled one is spam', () => {
    const check = new HoneypotCheck();
    expect(check.check(candidate())).toBeNull();
    expect(check.check(candidate({ honeypot: 'https://cheap-pills.example' }))).toEqual({
      score: 10,
      reason: 'the hidden form field was filled in',
      action: 'spam',
    });
  });

  it("links: holds a comment with the site's max links or more in its text; the website never counts", () => {
    const check = new LinksCheck();
    expect(check.check(candidate({ body: 'Source: https://budget.example/2026' }))).toBeNull();
    expect(check.check(candidate({ body: 'See https://a.example and www.b.example' }))).toEqual({
      score: 2,
      reason: '2 links (limit 2)',
      action: 'hold',
      soft: true,
    });
    expect(check.check(candidate({ body: 'See https://a.example', authorWebsite: 'https://ayu.example.org' }))).toBeNull();
    expect(check.check(candidate({ body: 'Ask ayu@example.org, or see <a href="https://a.example">this</a>' }))).toMatchObject({ reason: '2 links (limit 2)' });
    expect(check.check(candidate({ body: 'https://a.example https://b.example https://c.example' }, { maxLinks: 5 }))).toBeNull();
    expect(check.check(candidate({ body: 'https://a.example https://b.example' }, { maxLinks: 0 }))).toBeNull();
  });

  it('words: case-insensitive substrings in every field, blocked words before moderation words', () => {
    const check = new WordsCheck();
    const settings = { moderationWords: ['casino', ' '], blockedWords: ['viagra'] };
    expect(check.check(candidate({}, settings))).toBeNull();
    expect(check.check(candidate({ authorName: 'Best CASINOs' }, settings))).toEqual({
      score: 1,
      reason: 'moderation word "casino" in the name',
      action: 'hold',
    });
    expect(check.check(candidate({ body: 'Try ViagraShop today' }, settings))).toEqual({
      score: 10,
      reason: 'blocked word "viagra" in the text',
      action: 'spam',
    });
    expect(check.check(candidate({ body: 'casino and viagra' }, settings))).toMatchObject({ action: 'spam' });
    expect(check.check(candidate({}, { moderationWords: ['203.0.113.'] }))).toMatchObject({ reason: 'moderation word "203.0.113." in the IP' });
    expect(check.check(candidate({}, { blockedWords: ['gecko/2010'] }))).toMatchObject({ reason: 'blocked word "gecko/2010" in the user agent' });
    expect(check.check(candidate({ authorWebsite: 'https://spam.example' }, { moderationWords: ['spam.example'] }))).toMatchObject({
      reason: 'moderation word "spam.example" in the website',
    });
    expect(check.check(candidate({}, { moderationWords: ['example.org'] }))).toMatchObject({ reason: 'moderation word "example.org" in the email' });
  });

  it('disposable email: holds throw-away mailboxes from the maintained list, subdomains included', () => {
    const check = new DisposableEmailCheck();
    expect(check.check(candidate())).toBeNull();
    expect(check.check(candidate({ authorEmail: 'someone@gmail.com' }))).toBeNull();
    expect(check.check(candidate({ authorEmail: 'bot@mailinator.com' }))).toEqual({
      score: 2,
      reason: 'mailinator.com is a disposable email domain',
      action: 'hold',
      soft: true,
    });
    expect(check.check(candidate({ authorEmail: 'bot@eu.mailinator.com' }))).toMatchObject({ action: 'hold' });
  });
});

describe('the pipeline', () => {
  const real: SpamCheck[] = [new HoneypotCheck(), new WordsCheck(), new LinksCheck(), new DisposableEmailCheck()];
  /** An author record that counts how often it was read. */
  const record = (known: boolean | Error) => {
    const asked = { times: 0 };
    const read = () => {
      asked.times += 1;
      return known instanceof Error ? Promise.reject(known) : Promise.resolve(known);
    };
    return Object.assign(read, { asked });
  };

  it("approves what no check objects to, with a score of 0 and no reasons, without reading the author's record", async () => {
    const author = record(true);
    expect(await new SpamService(real).judge(candidate(), author)).toEqual({ status: 'approved', score: 0, reasons: [], classifierP: null });
    expect(author.asked.times).toBe(0);
  });

  it('keeps every reason and adds the scores; spam outranks hold', async () => {
    const verdict = await new SpamService(real).judge(
      candidate({ honeypot: 'x', authorEmail: 'bot@mailinator.com', body: 'https://a.example https://b.example' }),
      record(false),
    );
    expect(verdict).toEqual({
      status: 'spam',
      score: 14,
      reasons: ['honeypot: the hidden form field was filled in', 'links: 2 links (limit 2)', 'disposable email: mailinator.com is a disposable email domain'],
      classifierP: null,
    });
  });

  it("reads the author's record for a soft hold and for pre-moderation a known author passes, once, and never for `all`", async () => {
    const links = record(true);
    expect(await new SpamService(real).judge(candidate({ body: 'Sources: https://a.example and https://b.example' }), links)).toEqual({
      status: 'approved',
      score: 1,
      reasons: ['links: 2 links (limit 2)', 'trusted author: the author has approved comments on this site'],
      classifierP: null,
    });
    expect(links.asked.times).toBe(1);
    const firstTime = record(false);
    expect(await new SpamService(real).judge(candidate({}, { premoderation: 'first-time' }), firstTime)).toMatchObject({ status: 'pending' });
    expect(firstTime.asked.times).toBe(1);
    const all = record(true);
    expect(await new SpamService(real).judge(candidate({}, { premoderation: 'all' }), all)).toMatchObject({ status: 'pending' });
    expect(all.asked.times).toBe(0);
  });

  it("the article's pre-moderation is the one that counts, not the site's", async () => {
    const onArticle = { ...candidate({}, { premoderation: 'off' }), premoderation: 'first-time' as const };
    expect(await new SpamService(real).judge(onArticle, record(true))).toMatchObject({ status: 'approved' });
    expect(await new SpamService(real).judge(onArticle, record(false))).toMatchObject({ status: 'pending' });
  });

  it("judges without a check that fails, and says so; an unreadable author record counts as a newcomer's", async () => {
    const broken: SpamCheck = { name: 'broken', check: () => Promise.reject(new Error('service down')) };
    const verdict = await new SpamService([broken, new LinksCheck()]).judge(
      candidate({ body: 'https://a.example https://b.example' }),
      record(new Error('database down')),
    );
    expect(verdict).toEqual({
      status: 'pending',
      score: 2,
      reasons: ['broken: could not run', 'links: 2 links (limit 2)', 'trusted author: could not run'],
      classifierP: null,
    });
  });
});
