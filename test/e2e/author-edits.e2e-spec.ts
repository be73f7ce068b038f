import type { Site } from '../../src/sites/site.entity.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

const MINUTE_MS = 60_000;

/** An author changing or withdrawing their own comment, with the edit token, within the edit window. */
describe('authors editing and deleting their own comments', () => {
  let kolom: TestKolom;
  let site: Site;
  let reader: Reader;
  let articleCounter = 0;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  function newArticleUrl(): string {
    articleCounter += 1;
    return `https://news.example/culture/review-${articleCounter}`;
  }

  /** As if the comment had been posted this many minutes earlier. */
  async function age(id: number, minutes: number): Promise<void> {
    await kolom.dataSource.query(`UPDATE comments SET created_at = created_at - make_interval(secs => $2) WHERE id = $1`, [id, minutes * 60]);
  }

  describe('the answer to a post', () => {
    it('hands the author an edit token and says until when the comment can be changed: 15 minutes by default', async () => {
      const posted = await reader.post(site, { url: newArticleUrl() });
      expect(typeof posted.editToken).toBe('string');
      expect(posted.editToken.length).toBeGreaterThanOrEqual(20);
      const createdAt = Date.parse(posted.comment.createdAt);
      const until = Date.parse(posted.editableUntil);
      expect(Number.isNaN(until)).toBe(false);
      expect(until - createdAt).toBe(15 * MINUTE_MS);
      expect(Math.abs(until - (Date.now() + 15 * MINUTE_MS))).toBeLessThan(MINUTE_MS);
    });

    it('gives every comment a token of its own', async () => {
      const url = newArticleUrl();
      const first = await reader.post(site, { url });
      const second = await reader.post(site, { url });
      expect(first.editToken).not.toBe(second.editToken);
    });

    it('never shows the edit token to other readers', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url });
      expect(JSON.stringify(await reader.thread(site, url))).not.toContain(posted.editToken);
    });
  });

  describe('editing', () => {
    it('with the edit token the author changes the text, and readers see the new text marked as edited', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Teh budget is too small.' });
      expect(posted.comment.editedAt).toBeNull();

      const answer = await reader.edit(posted.comment.id, { body: '  The budget is too small.  ' }, posted.editToken);
      expect(answer.status).toBe(200);
      expect(answer.body.comment.body).toBe('The budget is too small.');
      expect(answer.body.comment.id).toBe(posted.comment.id);
      expect(answer.body.status).toBe('approved');
      expect(answer.body.comment.editedAt).toEqual(expect.any(String));
      expect(Date.parse(answer.body.comment.editedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(posted.comment.createdAt));
      expect(answer.body.editableUntil).toBe(posted.editableUntil);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments[0]).toEqual(
        expect.objectContaining({ id: posted.comment.id, body: 'The budget is too small.', editedAt: answer.body.comment.editedAt }),
      );
      expect(JSON.stringify(page)).not.toContain('Teh budget');
    });

    it('the author can edit more than once within the window', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Draft one.' });
      expect((await reader.edit(posted.comment.id, { body: 'Draft two.' }, posted.editToken)).status).toBe(200);
      expect((await reader.edit(posted.comment.id, { body: 'Final words.' }, posted.editToken)).status).toBe(200);
      expect((await reader.thread(site, url)).comments[0].body).toBe('Final words.');
    });

    it('an edit to a reply shows under its parent', async () => {
      const url = newArticleUrl();
      const top = await reader.post(site, { url });
      const reply = await reader.post(site, { url, parentId: top.comment.id, body: 'I disagree.' });
      expect((await reader.edit(reply.comment.id, { body: 'I partly disagree.' }, reply.editToken)).status).toBe(200);
      const page = await reader.thread(site, url);
      expect(page.comments[0].replies[0]).toEqual(expect.objectContaining({ id: reply.comment.id, body: 'I partly disagree.' }));
    });

    it.each([
      ['a wrong token', 'not-the-token'],
      ['no token', undefined],
      ['an empty token', ''],
    ])('with %s nobody can change the comment', async (_, token) => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'My own words.' });
      const answer = await reader.edit(posted.comment.id, { body: 'Words put in my mouth.' }, token);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/edit token/i);
      expect((await reader.thread(site, url)).comments[0].body).toBe('My own words.');
    });

    it("the token of one comment does not open another author's comment", async () => {
      const url = newArticleUrl();
      const mine = await reader.post(site, { url, body: 'Mine.' });
      const theirs = await reader.post(site, { url, body: 'Theirs.', name: 'Budi', email: 'budi@example.org' });
      const answer = await reader.edit(theirs.comment.id, { body: 'Hijacked.' }, mine.editToken);
      expect(answer.status).toBe(403);
      expect((await reader.thread(site, url)).comments.map((c) => c.body)).toEqual(['Mine.', 'Theirs.']);
    });

    it('editing an id that is not a comment id (abc) answers 404', async () => {
      const posted = await reader.post(site, { url: newArticleUrl() });
      const answer = await reader.edit('abc', { body: 'Hello?' }, posted.editToken);
      expect(answer.status).toBe(404);
      expect(answer.body.message).toMatch(/no such comment/i);
    });

    it('editing a comment that does not exist (999999999) answers as a wrong token does, 403', async () => {
      const posted = await reader.post(site, { url: newArticleUrl() });
      const answer = await reader.edit(999999999, { body: 'Hello?' }, posted.editToken);
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/only the author/i);
    });

    it.each([
      ['an empty text', { body: '' }],
      ['a whitespace-only text', { body: '   \n\t ' }],
      ['a missing text', {}],
    ])("%s is refused with the form's message", async (_, change) => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Still here.' });
      const answer = await reader.edit(posted.comment.id, change, posted.editToken);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toEqual(['Please type your comment text.']);
      expect(answer.body.fields).toEqual({ body: 'Please type your comment text.' });
      expect((await reader.thread(site, url)).comments[0].body).toBe('Still here.');
    });

    it('a text over 65525 characters is refused as too long', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url });
      const answer = await reader.edit(posted.comment.id, { body: 'x'.repeat(65526) }, posted.editToken);
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual({ body: 'Your comment is too long.' });
    });

    it('a comment awaiting moderation can be edited by its author and stays out of the thread', async () => {
      const heldSite = await kolom.createSite({ premoderation: 'all' });
      const url = newArticleUrl();
      const posted = await reader.post(heldSite, { url, body: 'Held words.' });
      expect(posted.status).toBe('pending');

      const answer = await reader.edit(posted.comment.id, { body: 'Better held words.' }, posted.editToken);
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('pending');
      expect(answer.body.comment.body).toBe('Better held words.');
      expect((await reader.thread(heldSite, url)).comments).toEqual([]);
    });
  });

  describe('deleting', () => {
    it('within the window the author deletes the comment: it leaves the thread and the count drops by one', async () => {
      const url = newArticleUrl();
      const keep = await reader.post(site, { url, body: 'Keeping this.' });
      const posted = await reader.post(site, { url, body: 'Taking this back.' });
      expect((await reader.thread(site, url)).total).toBe(2);

      const answer = await reader.delete(posted.comment.id, posted.editToken);
      expect(answer.status).toBe(204);
      expect(answer.body).toBe('');

      const page = await reader.thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments.map((c) => c.id)).toEqual([keep.comment.id]);
      expect(JSON.stringify(page)).not.toContain('Taking this back.');
    });

    it('a deleted comment is gone: deleting or editing it again answers 404', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url });
      expect((await reader.delete(posted.comment.id, posted.editToken)).status).toBe(204);

      const again = await reader.delete(posted.comment.id, posted.editToken);
      expect(again.status).toBe(404);
      const edited = await reader.edit(posted.comment.id, { body: 'Resurrected?' }, posted.editToken);
      expect(edited.status).toBe(404);
      expect((await reader.thread(site, url)).total).toBe(0);
    });

    it.each([
      ['a wrong token', 'not-the-token'],
      ['no token', undefined],
    ])('with %s nobody can delete the comment', async (_, token) => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Not yours to delete.' });
      const answer = await reader.delete(posted.comment.id, token);
      expect(answer.status).toBe(403);
      const page = await reader.thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments[0].body).toBe('Not yours to delete.');
    });

    it('deleting a comment that does not exist answers as a wrong token does, 403', async () => {
      const posted = await reader.post(site, { url: newArticleUrl() });
      expect((await reader.delete(999999999, posted.editToken)).status).toBe(403);
    });
  });

  describe('the edit window', () => {
    it('after 15 minutes the comment can no longer be edited or deleted, and stays as it was', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Set in stone.' });
      await age(posted.comment.id, 16);

      const edited = await reader.edit(posted.comment.id, { body: 'Changed my mind.' }, posted.editToken);
      expect(edited.status).toBe(403);
      expect(edited.body.message).toMatch(/time to edit this comment has passed/i);

      const deleted = await reader.delete(posted.comment.id, posted.editToken);
      expect(deleted.status).toBe(403);
      expect(deleted.body.message).toMatch(/time to edit this comment has passed/i);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments[0]).toEqual(expect.objectContaining({ body: 'Set in stone.', editedAt: null }));
    });

    it('14 minutes after posting the comment can still be edited', async () => {
      const url = newArticleUrl();
      const posted = await reader.post(site, { url, body: 'Almost too late.' });
      await age(posted.comment.id, 14);
      expect((await reader.edit(posted.comment.id, { body: 'Just in time.' }, posted.editToken)).status).toBe(200);
      expect((await reader.thread(site, url)).comments[0].body).toBe('Just in time.');
    });

    it("a site's shorter edit window is honoured", async () => {
      const quickSite = await kolom.createSite({ editWindowMinutes: 1 });
      const url = newArticleUrl();

      const fresh = await reader.post(quickSite, { url, body: 'Quick one.' });
      expect(Date.parse(fresh.editableUntil) - Date.parse(fresh.comment.createdAt)).toBe(MINUTE_MS);
      await age(fresh.comment.id, 0.5);
      expect((await reader.edit(fresh.comment.id, { body: 'Quick fix.' }, fresh.editToken)).status).toBe(200);

      const stale = await reader.post(quickSite, { url, body: 'Slow one.' });
      await age(stale.comment.id, 2);
      expect((await reader.edit(stale.comment.id, { body: 'Too late.' }, stale.editToken)).status).toBe(403);
      expect((await reader.delete(stale.comment.id, stale.editToken)).status).toBe(403);

      const page = await reader.thread(quickSite, url);
      expect(page.comments.map((c) => c.body)).toEqual(['Quick fix.', 'Slow one.']);
    });
  });
});
