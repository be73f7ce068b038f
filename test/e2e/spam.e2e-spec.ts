import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Site } from '../../src/sites/site.entity.js';
import { CommentEvents, CommentModeratedEvent } from '../../src/threads/comment-events.js';
import type { CommentStatus } from '../../src/threads/comment-status.js';
import { CommentsRepository } from '../../src/threads/comments.repository.js';
import type { SiteSettings } from '../../src/sites/site-settings.js';
import { BansService } from '../../src/spam/bans.service.js';
import { FormTokens } from '../../src/spam/form-tokens.js';
import { connectLive } from '../support/live-client.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { readerly, SPAM_OFFERS, spammy } from '../support/spam-lessons.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * The spam checks through the public form: what the poster is told, what is stored for the
 * moderators, and what readers see (nothing of a held or spam comment).
 */

const AWAITING = 'Your comment is awaiting moderation.';
let articleCounter = 0;
const newArticle = () => `https://news.example/spam/story-${++articleCounter}`;
let readerCounter = 0;
const newEmail = () => `reader${++readerCounter}@example.org`;

describe('spam checks on posting', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let admin: Moderator;

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    reader = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(async () => {
    await kolom.close();
  });

  const site = (settings: Partial<SiteSettings> = {}) => kolom.createSite(settings);
  /** Each comment from a reader of its own: a new email, and these headers. */
  const newReader = (headers: Record<string, string> = {}) => readerOf(kolom, { fields: { email: newEmail() }, headers });
  const stored = (id: number) => kolom.verdictOf(id);
  const threadIds = async (onSite: Site, url: string) => (await reader.thread(onSite, url)).comments.map((c) => c.id);
  const approve = async (id: number) => expect((await admin.act(id, 'approve')).status).toBe(200);

  it('publishes an ordinary comment with a score of 0 and no reasons', async () => {
    const plain = await site();
    const posted = await newReader().post(plain, { body: 'The bus timetable changed last week.' });
    expect(posted.status).toBe('approved');
    expect(await stored(posted.comment.id)).toEqual({ status: 'approved', score: 0, reasons: [] });
  });

  it('answers a filled honeypot exactly like a held comment, stores it as spam, and shows it to no reader', async () => {
    const plain = await site();
    const url = newArticle();
    const reader = await connectLive(kolom.baseUrl, { origin: 'https://news.example' });
    try {
      await reader.join({ site: plain.slug, url });
      const bot = await newReader().post(plain, { url, homepage: 'https://cheap-pills.example', body: 'Great article!' });
      const held = await newReader().post(plain, { url, body: 'Sources: https://a.example and https://b.example' });
      expect(Object.keys(bot).sort()).toEqual(Object.keys(held).sort());
      expect(bot).toMatchObject({ status: 'pending', message: AWAITING });
      expect(await stored(bot.comment.id)).toEqual({ status: 'spam', score: 10, reasons: ['honeypot: the hidden form field was filled in'] });
      const shown = await newReader().post(plain, { url, body: 'A reader with nothing to hide.' });
      await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === shown.comment.id);
      expect(reader.named('comment.created').map((c) => c.id)).toEqual([shown.comment.id]);
      expect(await threadIds(plain, url)).toEqual([shown.comment.id]);
    } finally {
      reader.close();
    }
  });

  it("holds a comment with the site's max links or more in its text; the website never counts, as in WordPress", async () => {
    const plain = await site({ maxLinks: 2 });
    const one = await newReader().post(plain, { body: 'Source: https://budget.example/2026' });
    expect(one.status).toBe('approved');
    const two = await newReader().post(plain, { body: 'See https://a.example and https://b.example' });
    expect(two).toMatchObject({ status: 'pending', message: AWAITING });
    expect(await stored(two.comment.id)).toEqual({ status: 'pending', score: 2, reasons: ['links: 2 links (limit 2)'] });
    const withSite = await newReader().post(plain, { body: 'Source: https://budget.example/2026', website: 'ayu.example.org' });
    expect(await stored(withSite.comment.id)).toEqual({ status: 'approved', score: 0, reasons: [] });
  });

  it('holds on a moderation word and hides on a blocked word, in any field, the IP and the user agent included', async () => {
    const strict = await site({ moderationWords: ['casino', '198.51.100.'], blockedWords: ['viagra', 'SpamBot/'] });
    const cases: Array<[Record<string, unknown>, Record<string, string>, string, string]> = [
      [{ name: 'Lucky Casino Fan' }, {}, 'pending', 'words: moderation word "casino" in the name'],
      [{ body: 'Buy ViagraOnline now' }, {}, 'spam', 'words: blocked word "viagra" in the text'],
      [{}, { 'X-Forwarded-For': '198.51.100.23' }, 'pending', 'words: moderation word "198.51.100." in the IP'],
      [{}, { 'User-Agent': 'Mozilla/5.0 SpamBot/2.1' }, 'spam', 'words: blocked word "SpamBot/" in the user agent'],
    ];
    for (const [fields, headers, status, reason] of cases) {
      const posted = await newReader(headers).post(strict, fields);
      expect(posted).toMatchObject({ status: 'pending', message: AWAITING });
      expect(await stored(posted.comment.id)).toMatchObject({ status, reasons: [reason] });
    }
  });

  it('holds a comment sent without a form from this thread, or too soon after loading it; hides one sent at once', async () => {
    const timed = await site({ minSubmitSeconds: 3 });
    const url = newArticle();
    const handedOut = await reader.formToken(timed, url);
    const other = await reader.formToken(timed, newArticle());
    // Tokens as the thread page would have handed them out some seconds ago.
    const loadedAgo = (seconds: number) => kolom.app.get(FormTokens).issue(timed.id, url, Date.now() - seconds * 1000);

    expect(handedOut).toMatch(/^u\./);
    // The server counts whole seconds: a token minted early in a second and posted within it is exactly its age.
    const earlyInASecond = async () => {
      if (Date.now() % 1000 > 400) await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
    };

    const cases: Array<[() => string | undefined, string, string[]]> = [
      [() => undefined, 'pending', ['time to submit: no form token (the form did not come from this thread)']],
      [() => loadedAgo(0), 'spam', ['time to submit: sent 0 s after the form was loaded (minimum 3 s)']],
      [() => loadedAgo(2), 'pending', ['time to submit: sent 2 s after the form was loaded (minimum 3 s)']],
      [() => other, 'pending', ['time to submit: the form token is not valid for this article']],
      [() => loadedAgo(10).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 'pending', ['time to submit: the form token is not valid for this article']],
      [() => loadedAgo(10), 'approved', []],
    ];
    for (const [token, status, reasons] of cases) {
      await earlyInASecond();
      const formToken = token();
      const posted = await newReader().post(timed, { url, ...(formToken === undefined ? {} : { formToken }) });
      expect(posted.status).toBe(status === 'approved' ? 'approved' : 'pending');
      expect(await stored(posted.comment.id)).toMatchObject({ status, reasons });
    }
  });

  it('holds a comment from a disposable mailbox', async () => {
    const plain = await site();
    const posted = await newReader().post(plain, { email: 'drive-by@mailinator.com' });
    expect(posted.status).toBe('pending');
    expect((await stored(posted.comment.id)).reasons).toEqual(['disposable email: mailinator.com is a disposable email domain']);
    // Once a moderator approved one, the reader is known: the address alone no longer holds them.
    await approve(posted.comment.id);
    const known = await newReader().post(plain, { email: 'drive-by@mailinator.com', body: 'Back again, same address.' });
    expect(known.status).toBe('approved');
    expect((await stored(known.comment.id)).reasons).toEqual([
      'disposable email: mailinator.com is a disposable email domain',
      'trusted author: the author has approved comments on this site',
    ]);
  });

  it('keeps banned authors out: by email, by domain, by IP or range, until the ban expires', async () => {
    const plain = await site();
    const bans = kolom.app.get(BansService);
    await bans.create({ siteId: plain.id, kind: 'email', value: 'Troll@Example.org', note: 'abuse in the budget thread' });
    await bans.create({ siteId: plain.id, kind: 'domain', value: 'spam-farm.example' });
    await bans.create({ siteId: plain.id, kind: 'ip', value: '192.0.2.0/24' });
    await bans.create({ siteId: plain.id, kind: 'email', value: 'forgiven@example.org', expiresAt: new Date(Date.now() - 1_000) });

    const cases: Array<[Record<string, unknown>, Record<string, string>, string]> = [
      [{ email: 'troll@example.org' }, {}, 'bans: the email address is banned: abuse in the budget thread'],
      [{ email: 'anyone@spam-farm.example' }, {}, 'bans: the email domain is banned (spam-farm.example)'],
      [{}, { 'X-Forwarded-For': '192.0.2.77' }, 'bans: the IP address is banned (range 192.0.2.0/24)'],
    ];
    for (const [fields, headers, reason] of cases) {
      const posted = await newReader(headers).post(plain, fields);
      expect(posted).toMatchObject({ status: 'pending', message: AWAITING });
      expect(await stored(posted.comment.id)).toMatchObject({ status: 'spam', reasons: [reason] });
    }
    expect((await newReader().post(plain, { email: 'forgiven@example.org' })).status).toBe('approved');
    expect((await newReader({ 'X-Forwarded-For': '192.0.3.1' }).post(plain, {})).status).toBe('approved');
    // A ban on one site is no ban on another.
    expect((await newReader().post(await site(), { email: 'troll@example.org' })).status).toBe('approved');
  });

  it('refuses a ban that is not an email, domain, or IP address or range', async () => {
    const plain = await site();
    const bans = kolom.app.get(BansService);
    const refusal = (message: string) => expect.objectContaining({ response: expect.objectContaining({ statusCode: 400, fields: { value: message } }) });
    await expect(bans.create({ siteId: plain.id, kind: 'ip', value: '192.0.2.0/33' })).rejects.toEqual(
      refusal('An IP ban needs an address or a range such as 203.0.113.0/24.'),
    );
    await expect(bans.create({ siteId: plain.id, kind: 'email', value: 'not-an-email' })).rejects.toEqual(refusal('An email ban needs an email address.'));
    await expect(bans.create({ siteId: plain.id, kind: 'domain', value: 'http://x' })).rejects.toEqual(
      refusal('A domain ban needs a domain such as spam.example.'),
    );
    expect(await kolom.dataSource.query('SELECT count(*)::int AS n FROM bans WHERE site_id = $1', [plain.id])).toEqual([{ n: 0 }]);
  });

  describe('trusted authors', () => {
    it('under first-time pre-moderation, hold a newcomer and publish them once a moderator approved one', async () => {
      const firstTime = await site({ premoderation: 'first-time' });
      const email = newEmail();
      const first = await newReader().post(firstTime, { email, body: 'My first comment here.' });
      expect(first.status).toBe('pending');
      await approve(first.comment.id);
      const second = await newReader().post(firstTime, { email, body: 'And my second.' });
      expect(second.status).toBe('approved');
      expect((await stored(second.comment.id)).reasons).toEqual(['trusted author: the author has approved comments on this site']);
    });

    it("lifts the links check's hold for a known reader, not for a newcomer", async () => {
      const plain = await site();
      const email = newEmail();
      const twoLinks = { email, body: 'Sources: https://city.example/plan and https://port.example/minutes' };
      const first = await newReader().post(plain, twoLinks);
      expect(first.status).toBe('pending');
      expect((await newReader().post(plain, { email, body: 'A plain remark first.' })).status).toBe('approved');
      const again = await newReader().post(plain, { ...twoLinks, body: `${twoLinks.body} again` });
      expect(again.status).toBe('approved');
      expect((await stored(again.comment.id)).reasons).toEqual(['links: 2 links (limit 2)', 'trusted author: the author has approved comments on this site']);
    });

    it('under link pre-moderation, let a known reader post a link, but never lift a red flag or pre-moderate-all', async () => {
      const links = await site({ premoderation: 'links', blockedWords: ['viagra'] });
      const email = newEmail();
      expect((await newReader().post(links, { email, body: 'See https://budget.example' })).status).toBe('pending');
      const known = await newReader().post(links, { email, body: 'Plain words first.' });
      expect(known.status).toBe('approved');
      const link = await newReader().post(links, { email, body: 'Now with a source: https://budget.example/2026' });
      expect(link.status).toBe('approved');
      const flagged = await newReader().post(links, { email, body: 'viagra https://pills.example' });
      expect(flagged.status).toBe('pending');
      expect(await stored(flagged.comment.id)).toMatchObject({
        status: 'spam',
        reasons: ['words: blocked word "viagra" in the text', 'trusted author: the author has approved comments on this site'],
      });

      const all = await site({ premoderation: 'all' });
      const regular = await newReader().post(all, { email, body: 'Everything waits here.' });
      await approve(regular.comment.id);
      expect((await newReader().post(all, { email, body: 'Even for regulars.' })).status).toBe('pending');
    });
  });
  // Last: what moderators teach here reaches every site's verdicts through the model all sites share.
  describe('the classifier', () => {
    /** What the moderation module does: change the status, then fire comment.moderated. */
    const moderate = async (id: number, to: CommentStatus) => {
      const before = await kolom.app.get(CommentsRepository).findById(id);
      await kolom.dataSource.query('UPDATE comments SET status = $2 WHERE id = $1', [id, to]);
      const after = await kolom.app.get(CommentsRepository).findById(id);
      await kolom.app.get(EventEmitter2).emitAsync(CommentEvents.moderated, new CommentModeratedEvent(after!, before!.status, to, 'moderator'));
    };
    const corpus = async (siteId: number) =>
      kolom.dataSource.query('SELECT site_id, spam, ham FROM spam_corpus WHERE site_id IN (0, $1) ORDER BY site_id', [siteId]);
    const HAM = [
      'the council budget',
      'the night ferry',
      'the school board',
      'the bus timetable',
      'the water report',
      'the harbour plan',
      'the library hours',
      'the market rules',
      'the bridge repair',
      'the park fees',
    ];

    it('stays silent until moderators taught it, then learns from their decisions and changes the next verdict', async () => {
      const plain = await site();
      const url = newArticle();

      const before = await newReader().post(plain, { url, body: spammy('Miracle cream') });
      expect(before.status).toBe('approved');
      for (const what of SPAM_OFFERS) await moderate((await newReader().post(plain, { url, body: spammy(what) })).comment.id, 'spam');
      for (const what of HAM) await moderate((await newReader().post(plain, { url, body: readerly(what) })).comment.id, 'approved');
      expect(await corpus(plain.id)).toEqual([
        { site_id: 0, spam: expect.any(Number), ham: expect.any(Number) },
        { site_id: plain.id, spam: 10, ham: 10 },
      ]);

      const after = await newReader().post(plain, { url, body: spammy('Miracle cream') });
      expect(after).toMatchObject({ status: 'pending', message: AWAITING });
      const verdict = await stored(after.comment.id);
      expect(verdict.status).toBe('spam');
      // Each telling token with its share of the verdict's log-odds.
      expect(verdict.reasons).toEqual([expect.stringMatching(/^classifier: (0\.9\d|1\.00) spam-like \(("[^"]+" \+\d+\.\d(, )?){1,5}\)$/)]);
      expect(verdict.reasons[0]).toMatch(/"order"|"click"|"delivery"|"free"|"shape:links"/);
      const reader = await newReader().post(plain, { url, body: readerly('the zoning hearing') });
      expect(reader.status).toBe('approved');
      // Sure it is a reader's comment, the model vouches for it: its two links are not held.
      const sources = await newReader().post(plain, {
        url,
        body: `${readerly('the harbour plan')} Sources: https://city.example/plan and https://port.example/minutes`,
      });
      expect(sources.status).toBe('approved');
      expect((await stored(sources.comment.id)).reasons).toEqual([
        'links: 2 links (limit 2)',
        expect.stringMatching(/^classifier: 0\.[0-4]\d ham-like \(("[^"]+" −\d+\.\d(, )?){1,5}\)$/),
      ]);
    });

    it('unlearns a decision a moderator takes back, and learns nothing from the same decision twice', async () => {
      const plain = await site();
      const posted = await newReader().post(plain, { body: 'Was this spam after all?' });
      await moderate(posted.comment.id, 'spam');
      await moderate(posted.comment.id, 'spam');
      expect((await corpus(plain.id))[1]).toEqual({ site_id: plain.id, spam: 1, ham: 0 });
      await moderate(posted.comment.id, 'approved');
      expect((await corpus(plain.id))[1]).toEqual({ site_id: plain.id, spam: 0, ham: 1 });
      const [token] = await kolom.dataSource.query(`SELECT spam, ham FROM spam_tokens WHERE site_id = $1 AND token = 'spam'`, [plain.id]);
      expect(token).toEqual({ spam: 0, ham: 1 });
      // Trash says nothing about spam.
      await moderate(posted.comment.id, 'trash');
      expect((await corpus(plain.id))[1]).toEqual({ site_id: plain.id, spam: 0, ham: 1 });
      // Unapproving takes the lesson back, weights included.
      await moderate(posted.comment.id, 'approved');
      await moderate(posted.comment.id, 'pending');
      expect((await corpus(plain.id))[1]).toEqual({ site_id: plain.id, spam: 0, ham: 0 });
      const [left] = await kolom.dataSource.query(`SELECT count(*)::int AS n FROM spam_training WHERE comment_id = $1`, [posted.comment.id]);
      expect(left.n).toBe(0);
    });
  });
});
