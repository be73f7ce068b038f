import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../sites/site-settings.js';
import { DisposableEmailCheck } from './checks/disposable-email.check.js';
import { HoneypotCheck } from './checks/honeypot.check.js';
import { LinksCheck } from './checks/links.check.js';
import { WordsCheck } from './checks/words.check.js';
import type { SpamCandidate, SpamCheck } from './spam-check.js';
import { SpamService } from './spam.service.js';

function candidate(overrides: Partial<SpamCandidate> = {}, settings: Partial<SiteSettings> = {}): SpamCandidate {
  return {
    siteId: 1,
    settings: { ...DEFAULT_SITE_SETTINGS, ...settings },
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

  it('links: holds a comment with the site\'s max links or more, counting the website', () => {
    const check = new LinksCheck();
    expect(check.check(candidate({ body: 'Source: https://budget.example/2026' }))).toBeNull();
    expect(check.check(candidate({ body: 'See https://a.example and www.b.example' }))).toEqual({ score: 2, reason: '2 links (limit 2)', action: 'hold', soft: true });
    expect(check.check(candidate({ body: 'See https://a.example', authorWebsite: 'https://ayu.example.org' }))).toMatchObject({ reason: '2 links (limit 2)' });
    expect(check.check(candidate({ body: 'https://a.example https://b.example https://c.example' }, { maxLinks: 5 }))).toBeNull();
    expect(check.check(candidate({ body: 'https://a.example https://b.example' }, { maxLinks: 0 }))).toBeNull();
  });

  it('words: case-insensitive substrings in every field, blocked words before moderation words', () => {
    const check = new WordsCheck();
    const settings = { moderationWords: ['casino', ' '], blockedWords: ['viagra'] };
    expect(check.check(candidate({}, settings))).toBeNull();
    expect(check.check(candidate({ authorName: 'Best CASINOs' }, settings))).toEqual({ score: 1, reason: 'moderation word "casino" in the name', action: 'hold' });
    expect(check.check(candidate({ body: 'Try ViagraShop today' }, settings))).toEqual({ score: 10, reason: 'blocked word "viagra" in the text', action: 'spam' });
    expect(check.check(candidate({ body: 'casino and viagra' }, settings))).toMatchObject({ action: 'spam' });
    expect(check.check(candidate({}, { moderationWords: ['203.0.113.'] }))).toMatchObject({ reason: 'moderation word "203.0.113." in the IP' });
    expect(check.check(candidate({}, { blockedWords: ['gecko/2010'] }))).toMatchObject({ reason: 'blocked word "gecko/2010" in the user agent' });
    expect(check.check(candidate({ authorWebsite: 'https://spam.example' }, { moderationWords: ['spam.example'] }))).toMatchObject({ reason: 'moderation word "spam.example" in the website' });
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

  it('approves what no check objects to, with a score of 0 and no reasons', async () => {
    expect(await new SpamService(real).judge(candidate())).toEqual({ decision: 'approve', trusted: false, score: 0, reasons: [] });
  });

  it('keeps every reason and adds the scores; spam outranks hold', async () => {
    const verdict = await new SpamService(real).judge(
      candidate({ honeypot: 'x', authorEmail: 'bot@mailinator.com', body: 'https://a.example https://b.example' }),
    );
    expect(verdict).toEqual({
      decision: 'spam',
      trusted: false,
      score: 14,
      reasons: [
        'honeypot: the hidden form field was filled in',
        'links: 2 links (limit 2)',
        'disposable email: mailinator.com is a disposable email domain',
      ],
    });
  });

  it('lifts a soft hold (links, disposable email) when a check vouches for the comment, never a hard one', async () => {
    const vouching: SpamCheck = { name: 'voucher', check: () => ({ score: -1, reason: 'known reader', action: 'trust' }) };
    const links = candidate({ body: 'Sources: https://a.example and https://b.example' });
    expect(await new SpamService([new LinksCheck(), vouching]).judge(links)).toMatchObject({ decision: 'approve', trusted: true });
    const disposable = candidate({ authorEmail: 'x@mailinator.com' });
    expect(await new SpamService([new DisposableEmailCheck(), vouching]).judge(disposable)).toMatchObject({ decision: 'approve', trusted: true });
    const moderated = candidate({ body: 'Visit my casino' }, { moderationWords: ['casino'] });
    expect(await new SpamService([new WordsCheck(), vouching]).judge(moderated)).toMatchObject({ decision: 'hold', trusted: true });
  });

  it('judges without a check that fails, and says so', async () => {
    const broken: SpamCheck = { name: 'broken', check: () => Promise.reject(new Error('service down')) };
    const verdict = await new SpamService([broken, new LinksCheck()]).judge(candidate({ body: 'https://a.example https://b.example' }));
    expect(verdict).toEqual({ decision: 'hold', trusted: false, score: 2, reasons: ['broken: could not run', 'links: 2 links (limit 2)'] });
  });
});
