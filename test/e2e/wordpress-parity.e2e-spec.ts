import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { HttpAnswer } from '../support/http.js';
import { expectRefusal, KOLOM_MESSAGES, WORDPRESS_MESSAGES } from '../support/form-contract.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { commentForm, type FormFields, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/**
 * The comment form against WordPress 7.1's own rules (wp-includes/comment.php:
 * wp_handle_comment_submission, wp_allow_comment, wp_check_comment_data_max_lengths, check_comment;
 * wp-includes/formatting.php: is_email, make_clickable), one case per rule and per edge, each named
 * after the rule it mirrors. Where Kolom deliberately differs, the test says "Kolom:" and README's
 * form table gives the reason.
 */

const WP = WORDPRESS_MESSAGES;
const KOLOM = KOLOM_MESSAGES;

const ARTICLE = 'https://news.example/politics/budget-vote';
const OTHER_ARTICLE = 'https://news.example/sport/derby-report';

describe('WordPress parity of the comment form', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let admin: Moderator;

  beforeAll(async () => {
    kolom = await startKolom();
    reader = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  const site = (settings: Partial<SiteSettings> = {}) => kolom.createSite(settings);
  const send = (s: Site, fields: FormFields = {}) => reader.send(commentForm(s, fields));

  function expectFields(answer: HttpAnswer<unknown>, fields: Record<string, string>): void {
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: [...new Set(Object.values(fields))], fields },
    });
  }

  function expectTaken(answer: HttpAnswer<unknown>): void {
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 201 });
  }

  async function closeArticle(s: Site, url = ARTICLE): Promise<void> {
    await admin.closeArticle(await admin.articleAt(s, url));
  }

  async function stored(s: Site): Promise<number> {
    const [row] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE site_id = $1', [s.id]);
    return row.n;
  }

  describe('wp_handle_comment_submission: the order of the checks', () => {
    it('the parent before the article: a reply to a held comment on a closed article is refused as a reply to an unapproved comment', async () => {
      const s = await site({ premoderation: 'all' });
      const held = await send(s);
      await closeArticle(s);
      expectRefusal(await send(s, { parentId: held.body.comment.id, email: 'budi@example.net' }), 403, WP.replyToUnapproved);
    });

    it('the parent before the article: a reply to a missing comment on a closed article is refused as a reply to an unapproved comment', async () => {
      const s = await site();
      await closeArticle(s);
      expectRefusal(await send(s, { parentId: 987654321 }), 403, WP.replyToUnapproved);
    });

    it('Kolom: the parent before the article: a reply to another article’s comment, on a closed article, is refused for the article it names', async () => {
      const s = await site();
      const elsewhere = await reader.publish(s, { url: OTHER_ARTICLE });
      await closeArticle(s);
      expectRefusal(await send(s, { parentId: elsewhere.comment.id, email: 'budi@example.net' }), 403, KOLOM.replyToOtherArticle);
    });

    it('the article before the fields: an empty form on a closed article gets the closed 403', async () => {
      const s = await site();
      await closeArticle(s);
      expectRefusal(await send(s, { name: '', email: 'not-an-email', body: '' }), 403, WP.closed);
      expect(await stored(s)).toBe(0);
    });

    it('the fields before the duplicate check: a repeat with a website over 200 bytes gets the 400', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Said once already.' });
      expectFields(await send(s, { body: 'Said once already.', website: `https://ayu.example.org/${'p'.repeat(177)}` }), { website: WP.urlTooLong });
    });

    it('the fields before the flood check: a too-quick comment with a bad email gets the 400', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s);
      expectFields(await send(s, { email: 'ayu@' }), { email: WP.invalidEmail });
    });

    it('the duplicate check before the flood check: the same comment again at once gets the 409', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s, { body: 'Posted twice by a double click.' });
      expectRefusal(await send(s, { body: 'Posted twice by a double click.' }), 409, WP.duplicate);
    });

    it('the flood check last: another comment at once gets the 429', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s);
      expectRefusal(await send(s), 429, WP.flood);
    });
  });

  describe('wp_handle_comment_submission: replies', () => {
    it('a reply to an approved comment is taken', async () => {
      const s = await site();
      const parent = await reader.publish(s);
      expectTaken(await send(s, { parentId: parent.comment.id, email: 'budi@example.net' }));
    });

    it('a reply to a comment held for moderation is refused', async () => {
      const s = await site({ premoderation: 'all' });
      const held = await send(s);
      expectRefusal(await send(s, { parentId: held.body.comment.id, email: 'budi@example.net' }), 403, WP.replyToUnapproved);
    });

    it.each(['spam', 'trash'] as const)('a reply to a comment a moderator marked %s is refused', async (action) => {
      const s = await site();
      const parent = await reader.publish(s);
      expect((await admin.act(parent.comment.id, action)).status).toBe(200);
      expectRefusal(await send(s, { parentId: parent.comment.id, email: 'budi@example.net' }), 403, WP.replyToUnapproved);
    });

    it('a reply to a comment that does not exist is refused', async () => {
      const s = await site();
      expectRefusal(await send(s, { parentId: 987654321 }), 403, WP.replyToUnapproved);
    });

    it('Kolom: a reply to an approved comment of another article is refused, saying so (WordPress files it under the other post)', async () => {
      const s = await site();
      const elsewhere = await reader.publish(s, { url: OTHER_ARTICLE });
      expectRefusal(await send(s, { url: ARTICLE, parentId: elsewhere.comment.id, email: 'budi@example.net' }), 403, KOLOM.replyToOtherArticle);
      expect(await stored(s)).toBe(1);
    });
  });

  describe('wp_check_comment_data_max_lengths: the limits in UTF-8 bytes', () => {
    const byteCases: Array<[string, string, string, string]> = [
      // field, at the limit, one byte over, message
      ['name', 'N'.repeat(245), 'N'.repeat(246), WP.nameTooLong],
      ['name', `${'é'.repeat(122)}N`, 'é'.repeat(123), WP.nameTooLong],
      ['email', `${'a'.repeat(64)}@${'b'.repeat(31)}.org`, `${'a'.repeat(64)}@${'b'.repeat(32)}.org`, WP.emailTooLong],
      ['website', `https://ayu.example.org/${'p'.repeat(176)}`, `https://ayu.example.org/${'p'.repeat(177)}`, WP.urlTooLong],
      ['website', `https://ayu.example.org/${'é'.repeat(88)}`, `https://ayu.example.org/${'é'.repeat(88)}p`, WP.urlTooLong],
      ['body', 'x'.repeat(65525), 'x'.repeat(65526), WP.commentTooLong],
      ['body', `${'é'.repeat(32762)}x`, 'é'.repeat(32763), WP.commentTooLong],
      ['body', `${'😀'.repeat(16381)}x`, `${'😀'.repeat(16381)}xx`, WP.commentTooLong],
    ];

    it.each(byteCases)('%s: %#, exactly at the limit in bytes is taken', async (field, atLimit) => {
      expect(Buffer.byteLength(atLimit)).toBe({ name: 245, email: 100, website: 200, body: 65525 }[field]);
      const s = await site();
      const answer = await send(s, { [field]: atLimit });
      expectTaken(answer);
    });

    it.each(byteCases)('%s: %#, one byte over the limit is refused', async (field, _atLimit, over, message) => {
      const s = await site();
      expectFields(await send(s, { [field]: over }), { [field]: message });
      expect(await stored(s)).toBe(0);
    });

    it("Kolom: an author's edit is measured in bytes too (WordPress has no author edits)", async () => {
      const posted = await reader.publish(await site());
      const edited = await reader.edit(posted.comment.id, { body: `${'é'.repeat(32762)}x` }, posted.editToken);
      expect(edited.status).toBe(200);
      expectFields(await reader.edit(posted.comment.id, { body: 'é'.repeat(32763) }, posted.editToken), { body: WP.commentTooLong });
    });

    it('an email cannot be long in multi-byte text: is_email refuses any non-ASCII address first', async () => {
      const s = await site();
      expectFields(await send(s, { email: `${'é'.repeat(50)}@example.org` }), { email: WP.invalidEmail });
    });
  });

  describe('is_email', () => {
    it.each([
      ['dots in a row in the local part', 'a..b@example.org'],
      ['a leading dot in the local part', '.ayu@example.org'],
      ['a one-letter top-level label', 'ayu@example.c'],
      ['a numeric top-level label', 'ayu@example.123'],
      ['a long local part', `${'a'.repeat(80)}@example.org`],
      ['the characters it allows before the @', "o'brien+news=x@example.org"],
    ])('accepts %s (%p)', async (_why, email) => {
      expectTaken(await send(await site(), { email }));
    });

    it.each([
      ['a unicode local part', 'ayü@example.org'],
      ['an IDN domain', 'ayu@bücher.example'],
      ['fewer than 6 characters', 'a@b.c'],
      ['a one-label domain', 'ayu@localhost'],
      ['a label ending with a hyphen', 'ayu@example-.org'],
      ['dots in a row in the domain', 'ayu@example..org'],
      ['two @', 'ayu@@example.org'],
    ])('refuses %s (%p)', async (_why, email) => {
      expectFields(await send(await site(), { email }), { email: WP.invalidEmail });
    });
  });

  describe('wp_handle_comment_submission: several failing fields', () => {
    it('missing name and email, and no comment: the required message once, then the comment’s', async () => {
      expectFields(await send(await site(), { name: '', email: '', body: '' }), { name: WP.requiredFields, email: WP.requiredFields, body: WP.emptyComment });
    });

    it('missing name and a malformed email: required, then valid email', async () => {
      expectFields(await send(await site(), { name: ' ', email: 'ayu' }), { name: WP.requiredFields, email: WP.invalidEmail });
    });

    it('a malformed email, no comment, a name too long and a website too long: in WordPress’s order', async () => {
      const answer = await send(await site(), { name: 'N'.repeat(246), email: 'ayu@', body: '', website: `https://a.example/${'p'.repeat(190)}` });
      expectFields(answer, { email: WP.invalidEmail, body: WP.emptyComment, name: WP.nameTooLong, website: WP.urlTooLong });
    });
  });

  describe('wp_allow_comment: duplicates', () => {
    it('same article, parent, name, email and text is a duplicate', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Well said.' });
      expectRefusal(await send(s, { body: 'Well said.' }), 409, WP.duplicate);
    });

    it('the same text as replies under two different comments is two comments', async () => {
      const s = await site();
      const first = await reader.publish(s, { email: 'budi@example.net' });
      const second = await reader.publish(s, { email: 'citra@example.net' });
      expectTaken(await send(s, { body: 'Thanks!', parentId: first.comment.id }));
      expectTaken(await send(s, { body: 'Thanks!', parentId: second.comment.id }));
    });

    it('the same text as a reply and as a top-level comment is two comments', async () => {
      const s = await site();
      const parent = await reader.publish(s, { email: 'budi@example.net' });
      expectTaken(await send(s, { body: 'Thanks!', parentId: parent.comment.id }));
      expectTaken(await send(s, { body: 'Thanks!' }));
    });

    it('the same text and email under another name is a new comment (WordPress compares the name too)', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Agreed.', name: 'Ayu' });
      expectTaken(await send(s, { body: 'Agreed.', name: 'Ayu L.' }));
    });

    it('the same text and name from another email is a new comment', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Agreed.' });
      expectTaken(await send(s, { body: 'Agreed.', email: 'other@example.org' }));
    });

    it('a doubled inner space makes a new comment (the text is compared as typed)', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Great reporting.' });
      expectTaken(await send(s, { body: 'Great  reporting.' }));
    });

    it('a difference in case or accents only is a duplicate (WordPress’s case- and accent-insensitive collation)', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Café au lait for the council.', name: 'Zoë' });
      expectRefusal(await send(s, { body: 'CAFE AU LAIT for the council.', name: 'zoe' }), 409, WP.duplicate);
    });

    it('a repeat of a held comment is a duplicate', async () => {
      const s = await site({ premoderation: 'all' });
      await send(s, { body: 'Held, then said again.' });
      expectRefusal(await send(s, { body: 'Held, then said again.' }), 409, WP.duplicate);
    });

    it('a repeat of a comment marked spam is a duplicate (only trash is left out)', async () => {
      const s = await site();
      const first = await reader.publish(s, { body: 'Marked spam, then said again.' });
      await admin.act(first.comment.id, 'spam');
      expectRefusal(await send(s, { body: 'Marked spam, then said again.' }), 409, WP.duplicate);
    });

    it('a repeat of a trashed comment is a new comment', async () => {
      const s = await site();
      const first = await reader.publish(s, { body: 'Trashed, then said again.' });
      await admin.act(first.comment.id, 'trash');
      expectTaken(await send(s, { body: 'Trashed, then said again.' }));
    });

    it('Kolom: a repeat of a comment its author deleted is a new comment (WordPress has no author deletion; deleted is gone)', async () => {
      const s = await site();
      const first = await reader.publish(s, { body: 'Deleted, then said again.' });
      await reader.withdraw(first);
      expectTaken(await send(s, { body: 'Deleted, then said again.' }));
    });
  });

  describe('check_comment: comment_max_links counts links after make_clickable', () => {
    async function verdictFor(body: string, fields: FormFields = {}) {
      const s = await site({ maxLinks: 2 });
      const answer = await send(s, { body, ...fields });
      expectTaken(answer);
      return kolom.verdictOf(answer.body.comment.id);
    }

    it.each([
      ['an anchor and a bare address', 'See <a href="https://a.example/report">the report</a> and https://b.example/data'],
      ['a bare address and a www. address', 'Compare https://a.example/report with www.b.example/data'],
      ['a www. address and an email address', 'See www.a.example or write to ayu@example.org'],
      ['two email addresses', 'Write to ayu@example.org or budi@example.net'],
    ])('%s make two links: held at maxLinks 2', async (_why, body) => {
      expect(await verdictFor(body)).toEqual({ status: 'pending', score: 2, reasons: ['links: 2 links (limit 2)'] });
    });

    it('the Website field never counts: one source and a website is one link', async () => {
      expect(await verdictFor('Source: https://a.example/report', { website: 'https://ayu.example.org' })).toEqual({
        status: 'approved',
        score: 0,
        reasons: [],
      });
    });

    it('an address glued to a word is not made a link', async () => {
      expect(await verdictFor('seehttps://a.example and xwww.b.example')).toEqual({ status: 'approved', score: 0, reasons: [] });
    });
  });

  describe('Kolom’s deliberate differences', () => {
    it('a name made only of markup is missing (WordPress strips the tags first)', async () => {
      expectFields(await send(await site(), { name: '<b></b>' }), { name: WP.requiredFields });
    });

    it('a name with markup is stored as typed and shown escaped (WordPress stores it stripped)', async () => {
      const answer = await send(await site(), { name: '<b>Ayu</b>' });
      expectTaken(answer);
      expect(answer.body.comment.author?.name).toBe('<b>Ayu</b>');
    });

    it('no-break spaces count as whitespace: a name of them is missing (PHP’s trim keeps them)', async () => {
      expectFields(await send(await site(), { name: '\u00a0\u00a0' }), { name: WP.requiredFields });
    });

    it('the email is stored lower-cased', async () => {
      const answer = await send(await site(), { email: 'Ayu.Lestari@Example.ORG' });
      expectTaken(answer);
      const [row] = await kolom.dataSource.query('SELECT author_email FROM comments WHERE id = $1', [answer.body.comment.id]);
      expect(row.author_email).toBe('ayu.lestari@example.org');
    });

    it.each(['javascript:alert(1)', 'ftp://files.example.org', 'https://ayu.example.org/a page'])(
      'a website that is not an http(s) address (%p) is refused with Kolom’s message (WordPress cleans it silently)',
      async (website) => {
        expectFields(await send(await site(), { website }), { website: KOLOM.invalidWebsite });
      },
    );

    it('a blocked word sends the comment to spam (WordPress: to the trash), answered as held', async () => {
      const s = await site({ blockedWords: ['casino'] });
      const answer = await send(s, { body: 'Best casino bonuses here.' });
      expect(answer.body).toMatchObject({ status: 'pending' });
      expect((await kolom.verdictOf(answer.body.comment.id)).status).toBe('spam');
    });
  });
});
