import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { HttpAnswer } from '../support/http.js';
import { expectRefusal, KOLOM_MESSAGES, WORDPRESS_MESSAGES } from '../support/form-contract.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/**
 * The comment form as DESIGN.md's "The comment form" table states it: WordPress's messages, statuses
 * and order of checks, seen through HTTP against the real app and a real database.
 */

const MESSAGES = { ...WORDPRESS_MESSAGES, ...KOLOM_MESSAGES };

const ARTICLE = 'https://news.example/politics/budget-vote';
const OTHER_ARTICLE = 'https://news.example/sport/derby-report';

describe('the comment form', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let admin: Moderator;

  beforeAll(async () => {
    // One trusted proxy hop, so a test can speak from another address with X-Forwarded-For; requests
    // without that header still come from 127.0.0.1.
    kolom = await startKolom({ TRUST_PROXY: '1' });
    reader = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  /** The same reader on another network. */
  const from = (address: string) => readerOf(kolom, { headers: { 'X-Forwarded-For': address } });

  const site = (settings: Partial<SiteSettings> = {}) => kolom.createSite(settings);

  /** A 400 for exactly one field, in the documented shape. */
  function expectFieldError(answer: HttpAnswer<unknown>, field: string, message: string): void {
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [message], fields: { [field]: message } });
  }

  async function storedComments(s: Site): Promise<number> {
    const [row] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE site_id = $1', [s.id]);
    return row.n;
  }

  async function closeArticle(s: Site, url = ARTICLE): Promise<void> {
    await admin.closeArticle(await admin.articleAt(s, url));
  }

  describe('required fields', () => {
    it("an empty comment is refused with 'Please type your comment text.'", async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { body: '' })), 'body', MESSAGES.emptyComment);
      expect(await storedComments(s)).toBe(0);
    });

    it('a comment of only spaces, tabs and line breaks counts as empty', async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { body: '   \n\t  \r\n ' })), 'body', MESSAGES.emptyComment);
      expect(await storedComments(s)).toBe(0);
    });

    it('a form without a comment at all is refused like an empty one', async () => {
      const s = await site();
      const { body: _omitted, ...form } = commentForm(s);
      expectFieldError(await reader.send(form), 'body', MESSAGES.emptyComment);
    });

    it("a comment without a name is refused with 'Please fill the required fields.'", async () => {
      const s = await site();
      const { name: _omitted, ...form } = commentForm(s);
      expectFieldError(await reader.send(form), 'name', MESSAGES.requiredFields);
      expect(await storedComments(s)).toBe(0);
    });

    it("a comment without an email is refused with 'Please fill the required fields.'", async () => {
      const s = await site();
      const { email: _omitted, ...form } = commentForm(s);
      expectFieldError(await reader.send(form), 'email', MESSAGES.requiredFields);
      expect(await storedComments(s)).toBe(0);
    });

    it('a name of only spaces counts as missing', async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { name: '    ' })), 'name', MESSAGES.requiredFields);
    });

    it('an email of only spaces counts as missing', async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { email: '  \t ' })), 'email', MESSAGES.requiredFields);
    });

    it('without name and email the message is listed once and both fields are marked', async () => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { name: '', email: '' }));
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [MESSAGES.requiredFields],
        fields: { name: MESSAGES.requiredFields, email: MESSAGES.requiredFields },
      });
    });
  });

  describe('the email address', () => {
    it.each(['ayu', 'ayu@', '@example.org', 'ayu@@example.org', 'ayu example@example.org', 'ayu@example .org'])(
      "a malformed email (%p) is refused with 'Please enter a valid email address.'",
      async (email) => {
        const s = await site();
        expectFieldError(await reader.send(commentForm(s, { email })), 'email', MESSAGES.invalidEmail);
        expect(await storedComments(s)).toBe(0);
      },
    );

    it("an email of 101 characters is refused with 'Your email address is too long.'", async () => {
      const s = await site();
      const email = `${'a'.repeat(64)}@${'b'.repeat(32)}.org`;
      expect(email).toHaveLength(101);
      expectFieldError(await reader.send(commentForm(s, { email })), 'email', MESSAGES.emailTooLong);
      expect(await storedComments(s)).toBe(0);
    });

    it('an email of exactly 100 characters is accepted', async () => {
      const s = await site();
      const email = `${'a'.repeat(64)}@${'b'.repeat(31)}.org`;
      expect(email).toHaveLength(100);
      expect((await reader.send(commentForm(s, { email }))).status).toBe(201);
    });
  });

  describe('length limits', () => {
    it("a name of 246 characters is refused with 'Your name is too long.'", async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { name: 'N'.repeat(246) })), 'name', MESSAGES.nameTooLong);
      expect(await storedComments(s)).toBe(0);
    });

    it('a name of exactly 245 characters is accepted and shown whole', async () => {
      const s = await site();
      const name = 'N'.repeat(245);
      const answer = await reader.send(commentForm(s, { name }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.author?.name).toBe(name);
    });

    it("a website of 201 characters is refused with 'Your URL is too long.'", async () => {
      const s = await site();
      const website = `https://ayu.example.org/${'p'.repeat(177)}`;
      expect(website).toHaveLength(201);
      expectFieldError(await reader.send(commentForm(s, { website })), 'website', MESSAGES.urlTooLong);
      expect(await storedComments(s)).toBe(0);
    });

    it('a website of exactly 200 characters is accepted', async () => {
      const s = await site();
      const website = `https://ayu.example.org/${'p'.repeat(176)}`;
      expect(website).toHaveLength(200);
      const answer = await reader.send(commentForm(s, { website }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.author?.website).toBe(website);
    });

    it("a comment of 65,526 characters is refused with 'Your comment is too long.'", async () => {
      const s = await site();
      expectFieldError(await reader.send(commentForm(s, { body: 'x'.repeat(65526) })), 'body', MESSAGES.commentTooLong);
      expect(await storedComments(s)).toBe(0);
    });

    it('a comment of exactly 65,525 characters is accepted and kept whole', async () => {
      const s = await site();
      const body = 'x'.repeat(65525);
      const answer = await reader.send(commentForm(s, { body }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.body).toHaveLength(65525);
      const [row] = await kolom.dataSource.query('SELECT length(body) AS n FROM comments WHERE id = $1', [answer.body.comment.id]);
      expect(Number(row.n)).toBe(65525);
    });

    it('the limits count the text after trimming: spaces around a 65,525-character comment do not make it too long', async () => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { body: `   ${'y'.repeat(65525)}   ` }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.body).toBe('y'.repeat(65525));
    });
  });

  describe('duplicates', () => {
    it("the same reader posting the same text on the same article gets 409 'Duplicate comment detected; …'", async () => {
      const s = await site();
      await reader.publish(s, { body: 'The council should publish the full budget.' });
      const again = await reader.send(commentForm(s, { body: 'The council should publish the full budget.' }));
      expectRefusal(again, 409, MESSAGES.duplicate);
      expect(await storedComments(s)).toBe(1);
    });

    it('a text differing only in capitals is still a duplicate (WordPress compares under a case-insensitive collation)', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Great reporting, thank you.' });
      const again = await reader.send(commentForm(s, { body: '  GREAT reporting, Thank YOU.  ' }));
      expectRefusal(again, 409, MESSAGES.duplicate);
      expect(await storedComments(s)).toBe(1);
    });

    it('a text differing in its inner spacing is a new comment, as in WordPress', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Great reporting, thank you.' });
      expect((await reader.send(commentForm(s, { body: 'Great   reporting,\n\tthank you.' }))).status).toBe(201);
      expect(await storedComments(s)).toBe(2);
    });

    it('the same words as replies under two different comments are two comments', async () => {
      const s = await site();
      const first = await reader.publish(s, { name: 'Budi', email: 'budi@example.net' });
      const second = await reader.publish(s, { name: 'Citra', email: 'citra@example.net' });
      expect((await reader.send(commentForm(s, { body: 'Thanks!', parentId: first.comment.id }))).status).toBe(201);
      expect((await reader.send(commentForm(s, { body: 'Thanks!', parentId: second.comment.id }))).status).toBe(201);
      expectRefusal(await reader.send(commentForm(s, { body: 'Thanks!', parentId: second.comment.id })), 409, MESSAGES.duplicate);
    });

    it('the same reader typing their email in other capitals is still the same author', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Well said.', email: 'ayu@example.org' });
      expectRefusal(await reader.send(commentForm(s, { body: 'Well said.', email: 'Ayu@Example.ORG' })), 409, MESSAGES.duplicate);
    });

    it('the same text on another article is fine', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Thanks for covering this.', url: ARTICLE });
      const elsewhere = await reader.send(commentForm(s, { body: 'Thanks for covering this.', url: OTHER_ARTICLE }));
      expect(elsewhere.status).toBe(201);
      expect(await storedComments(s)).toBe(2);
    });

    it('another reader may say the same thing', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Agreed.' });
      const second = await reader.send(commentForm(s, { body: 'Agreed.', name: 'Budi', email: 'budi@example.net' }));
      expect(second.status).toBe(201);
    });
  });

  describe('flood control', () => {
    it("a second comment from the same email within 15 seconds gets 429 'You are posting comments too quickly. Slow down.'", async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s, { email: 'ayu@example.org' });
      // From another network, so only the email ties the two together.
      const again = await from('198.51.100.20').send(commentForm(s, { email: 'ayu@example.org' }));
      expectRefusal(again, 429, MESSAGES.flood);
      expect(await storedComments(s)).toBe(1);
    });

    it('a second comment from the same IP with a different email within 15 seconds also gets 429', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s, { email: 'ayu@example.org' });
      const again = await reader.send(commentForm(s, { name: 'Budi', email: 'budi@example.net' }));
      expectRefusal(again, 429, MESSAGES.flood);
      expect(await storedComments(s)).toBe(1);
    });

    it('a different reader on a different network may comment at the same moment', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s, { email: 'ayu@example.org' });
      const other = await from('198.51.100.21').send(commentForm(s, { name: 'Budi', email: 'budi@example.net' }));
      expect(other.status).toBe(201);
    });

    it('with flood control off (floodSeconds 0) the same reader may post twice in a row', async () => {
      const s = await site({ floodSeconds: 0 });
      await reader.publish(s);
      expect((await reader.send(commentForm(s))).status).toBe(201);
    });
  });

  describe('closed articles', () => {
    it("a comment on an article closed by hand gets 403 'Sorry, comments are closed for this item.'", async () => {
      const s = await site();
      await closeArticle(s);
      expectRefusal(await reader.send(commentForm(s)), 403, MESSAGES.closed);
      expect(await storedComments(s)).toBe(0);
    });

    it('an article closed moments after a comment takes no more, and takes them again once reopened', async () => {
      const s = await site({ floodSeconds: 0 });
      await reader.publish(s);
      const articleId = await admin.articleAt(s, ARTICLE);
      await admin.closeArticle(articleId);
      expectRefusal(await reader.send(commentForm(s, { body: 'A second thought.' })), 403, MESSAGES.closed);
      expect((await admin.changeArticle(articleId, { open: true })).status).toBe(200);
      expect((await reader.send(commentForm(s, { body: 'A third thought.' }))).status).toBe(201);
    });

    it('comments close by themselves once the article is older than the site allows', async () => {
      const s = await site({ closeAfterDays: 30 });
      // The newest-first view opens the article; the oldest-first view is read only after the article
      // has aged, so no page rendered moments before (thread pages may be cached briefly) is checked.
      const opened = await reader.open(s, ARTICLE, { sort: 'newest' });
      expect(opened.body.open).toBe(true);
      await kolom.dataSource.query(`UPDATE articles SET created_at = now() - interval '31 days' WHERE id = $1`, [await admin.articleAt(s, ARTICLE)]);
      expectRefusal(await reader.send(commentForm(s)), 403, MESSAGES.closed);
      expect((await reader.open(s, ARTICLE)).body.open).toBe(false);
      expect(await storedComments(s)).toBe(0);
    });

    it('an article younger than the close-after period still takes comments', async () => {
      const s = await site({ closeAfterDays: 30 });
      await kolom.dataSource.query(`UPDATE articles SET created_at = now() - interval '29 days' WHERE id = $1`, [await admin.articleAt(s, ARTICLE)]);
      expect((await reader.send(commentForm(s))).status).toBe(201);
    });
  });

  describe('replies', () => {
    it('a reply to an approved comment is accepted and hangs under it', async () => {
      const s = await site();
      const parent = await reader.publish(s);
      const reply = await reader.send(commentForm(s, { parentId: parent.comment.id, name: 'Budi', email: 'budi@example.net' }));
      expect(reply.status).toBe(201);
      expect(reply.body.comment).toMatchObject({ parentId: parent.comment.id, depth: 2 });
      const listed = await reader.open(s, ARTICLE);
      expect(listed.body.comments[0].replies.map((r: { id: number }) => r.id)).toEqual([reply.body.comment.id]);
    });

    it("a reply to a comment that does not exist gets 403 'Sorry, replies to unapproved comments are not allowed.'", async () => {
      const s = await site();
      expectRefusal(await reader.send(commentForm(s, { parentId: 987654321 })), 403, MESSAGES.replyToUnapproved);
      expect(await storedComments(s)).toBe(0);
    });

    it('a parentId that cannot be a comment id is a field error, not a server error', async () => {
      const s = await site();
      for (const parentId of [0, -3, 1.5, 'abc', 1e20]) {
        expectFieldError(await reader.send(commentForm(s, { parentId })), 'parentId', 'parentId must be a comment id.');
      }
      expect(await storedComments(s)).toBe(0);
    });

    it('a reply to a comment held for moderation is refused with 403', async () => {
      const s = await site({ premoderation: 'all' });
      const held = await reader.send(commentForm(s));
      expect(held.status).toBe(201);
      expect(held.body.status).toBe('pending');
      const reply = await reader.send(commentForm(s, { parentId: held.body.comment.id, name: 'Budi', email: 'budi@example.net' }));
      expectRefusal(reply, 403, MESSAGES.replyToUnapproved);
      expect(await storedComments(s)).toBe(1);
    });

    it('a reply to a comment its author removed is refused with 403', async () => {
      const s = await site();
      const parent = await reader.publish(s);
      const removed = await reader.delete(parent.comment.id, parent.editToken);
      expect(removed.status).toBe(204);
      const reply = await reader.send(commentForm(s, { parentId: parent.comment.id, name: 'Budi', email: 'budi@example.net' }));
      expectRefusal(reply, 403, MESSAGES.replyToUnapproved);
      expect(await storedComments(s)).toBe(1);
    });

    it('a reply naming an approved comment from another article is refused, saying so', async () => {
      const s = await site();
      const elsewhere = await reader.publish(s, { url: OTHER_ARTICLE });
      const reply = await reader.send(commentForm(s, { url: ARTICLE, parentId: elsewhere.comment.id, email: 'budi@example.net' }));
      expectRefusal(reply, 403, MESSAGES.replyToOtherArticle);
      expect(await storedComments(s)).toBe(1);
    });

    it('a reply naming a comment of another site is refused like a missing one', async () => {
      const elsewhere = await reader.publish(await site());
      const s = await site();
      const reply = await reader.send(commentForm(s, { parentId: elsewhere.comment.id, email: 'budi@example.net' }));
      expectRefusal(reply, 403, MESSAGES.replyToUnapproved);
    });

    it("a reply without an email is refused with 'Please fill the required fields.'", async () => {
      const s = await site();
      const parent = await reader.publish(s);
      const { email: _omitted, ...form } = commentForm(s, { parentId: parent.comment.id, name: 'Budi' });
      expectFieldError(await reader.send(form), 'email', MESSAGES.requiredFields);
      expect(await storedComments(s)).toBe(1);
    });
  });

  describe('what is stored and shown', () => {
    it('values are trimmed: a name typed as "  Ayu  " is stored and shown as "Ayu"', async () => {
      const s = await site();
      const answer = await reader.send(
        commentForm(s, { name: '  Ayu  ', email: '  ayu.trim@example.org \t', body: '\n  Trimmed at both ends.  \n', website: '  https://ayu.example.org  ' }),
      );
      expect(answer.status).toBe(201);
      expect(answer.body.comment.author).toEqual({ name: 'Ayu', website: 'https://ayu.example.org', avatar: null });
      expect(answer.body.comment.body).toBe('Trimmed at both ends.');

      const listed = await reader.open(s, ARTICLE);
      expect(listed.body.comments[0].author?.name).toBe('Ayu');
      expect(listed.body.comments[0].body).toBe('Trimmed at both ends.');

      const [row] = await kolom.dataSource.query('SELECT author_name, author_email, author_website, body FROM comments WHERE id = $1', [
        answer.body.comment.id,
      ]);
      expect(row).toEqual({
        author_name: 'Ayu',
        author_email: 'ayu.trim@example.org',
        author_website: 'https://ayu.example.org',
        body: 'Trimmed at both ends.',
      });
    });

    it('a website typed without a scheme gets http://', async () => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { website: 'ayu.example.org' }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.author?.website).toBe('http://ayu.example.org');
      expect((await reader.open(s, ARTICLE)).body.comments[0].author?.website).toBe('http://ayu.example.org');
    });

    it('a blank website is simply left out', async () => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { website: '   ' }));
      expect(answer.status).toBe(201);
      expect(answer.body.comment.author?.website).toBeNull();
    });

    it.each(['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://files.example.org'])(
      'a website that is not an http(s) address (%p) is refused with 400',
      async (website) => {
        const s = await site();
        const answer = await reader.send(commentForm(s, { website }));
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(Object.keys(answer.body.fields ?? {})).toEqual(['website']);
        expect(typeof answer.body.fields?.website).toBe('string');
        expect(answer.body.message).toEqual([answer.body.fields?.website]);
        expect(await storedComments(s)).toBe(0);
      },
    );

    it('a field the form does not have is refused with 400 naming the field', async () => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { status: 'approved' }));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(Object.keys(answer.body.fields ?? {})).toEqual(['status']);
      expect(answer.body.fields?.status).toContain('status');
      expect(answer.body.message).toEqual([answer.body.fields?.status]);
      expect(await storedComments(s)).toBe(0);
    });

    it("a held comment answers 201 'pending' with 'Your comment is awaiting moderation.' and stays out of the thread", async () => {
      const s = await site({ premoderation: 'all' });
      const answer = await reader.send(commentForm(s, { body: 'Please look at this before publishing.' }));
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ status: 'pending', message: MESSAGES.awaitingModeration });
      expect(answer.body.comment.body).toBe('Please look at this before publishing.');
      expect(typeof answer.body.editToken).toBe('string');

      const listed = await reader.open(s, ARTICLE);
      expect(listed.status).toBe(200);
      expect(listed.body.comments).toEqual([]);
      expect(listed.body.total).toBe(0);
    });

    it('an approved comment answers 201 without the moderation message and shows in the thread', async () => {
      const s = await site();
      const posted = await reader.publish(s, { body: 'Published at once.' });
      expect(posted.message).toBeUndefined();
      const listed = await reader.open(s, ARTICLE);
      expect(listed.body.total).toBe(1);
      expect(listed.body.comments.map((c) => c.body)).toEqual(['Published at once.']);
    });
  });

  describe('the order of the checks', () => {
    it('a form that is both invalid and on a closed article gets the closed 403, as WordPress checks the article first', async () => {
      const s = await site();
      await closeArticle(s);
      expectRefusal(await reader.send(commentForm(s, { email: 'not-an-email' })), 403, MESSAGES.closed);
    });

    it('a form that is invalid and would be a duplicate gets the 400', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Said once.' });
      expectFieldError(await reader.send(commentForm(s, { body: 'Said once.', website: 'javascript:alert(1)' })), 'website', MESSAGES.invalidWebsite);
    });

    it('a duplicate on a closed article gets the 403', async () => {
      const s = await site();
      await reader.publish(s, { body: 'Said before the article closed.' });
      await closeArticle(s);
      expectRefusal(await reader.send(commentForm(s, { body: 'Said before the article closed.' })), 403, MESSAGES.closed);
    });

    it('a duplicate that is also too quick gets the 409', async () => {
      const s = await site({ floodSeconds: 15 });
      await reader.publish(s, { body: 'Posted twice by a double click.' });
      expectRefusal(await reader.send(commentForm(s, { body: 'Posted twice by a double click.' })), 409, MESSAGES.duplicate);
    });

    it('a reply to a held comment on a closed article gets the unapproved message, as WordPress checks the parent first', async () => {
      const s = await site({ premoderation: 'all' });
      const held = await reader.send(commentForm(s));
      expect(held.status).toBe(201);
      await closeArticle(s);
      expectRefusal(await reader.send(commentForm(s, { parentId: held.body.comment.id, email: 'budi@example.net' })), 403, MESSAGES.replyToUnapproved);
    });
  });
});
