import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { PublicComment } from '../../src/threads/public-comment.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

const NOT_APPROVED = 'Sorry, replies to unapproved comments are not allowed.';

/** Replying to comments: how deep a conversation goes, and what happens when a comment is withdrawn. */
describe('replies', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let articleCounter = 0;

  beforeAll(async () => {
    kolom = await startKolom();
    reader = readerOf(kolom);
  });
  afterAll(() => kolom.close());

  function newArticleUrl(): string {
    articleCounter += 1;
    return `https://news.example/opinion/column-${articleCounter}`;
  }

  /** A top-level comment and replies under each other, `levels` deep in all. */
  async function chain(site: Site, url: string, levels: number): Promise<PublicComment[]> {
    const comments = [(await reader.publish(site, { url, body: 'Level 1.' })).comment];
    for (let level = 2; level <= levels; level += 1) {
      comments.push((await reader.publish(site, { url, parentId: comments[comments.length - 1].id, body: `Level ${level}.` })).comment);
    }
    return comments;
  }

  async function siteWith(settings: Partial<SiteSettings> = {}): Promise<Site> {
    return kolom.createSite(settings);
  }

  describe('how deep a conversation goes', () => {
    it('replies to replies nest down to the fifth level by default, each under the comment it answers', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const comments = await chain(site, url, 5);

      expect(comments.map((c) => c.depth)).toEqual([1, 2, 3, 4, 5]);
      expect(comments[0].parentId).toBeNull();
      expect(comments[0].replyToId).toBeNull();
      for (let i = 1; i < 5; i += 1) {
        expect(comments[i].parentId).toBe(comments[i - 1].id);
        expect(comments[i].replyToId).toBe(comments[i - 1].id);
      }

      const page = await reader.thread(site, url);
      expect(page.maxDepth).toBe(5);
      expect(page.total).toBe(5);
      expect(page.comments).toHaveLength(1);
      let node = page.comments[0];
      for (let i = 0; i < 5; i += 1) {
        expect(node).toEqual(expect.objectContaining({ id: comments[i].id, depth: i + 1, body: `Level ${i + 1}.` }));
        if (i < 4) {
          expect(node.replies).toHaveLength(1);
          node = node.replies[0];
        }
      }
      expect(node.replies).toEqual([]);
    });

    it('a reply to a comment at the deepest level goes beside it, remembering whom it answers', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const comments = await chain(site, url, 5);
      const deepest = comments[4];

      const answer = (await reader.publish(site, { url, parentId: deepest.id, body: 'Answering the deepest one.' })).comment;
      expect(answer.depth).toBe(5);
      expect(answer.parentId).toBe(deepest.parentId);
      expect(answer.parentId).toBe(comments[3].id);
      expect(answer.replyToId).toBe(deepest.id);

      // And a reply to that reply stays at the same level too.
      const again = (await reader.publish(site, { url, parentId: answer.id, body: 'And answering that.' })).comment;
      expect(again.depth).toBe(5);
      expect(again.parentId).toBe(comments[3].id);
      expect(again.replyToId).toBe(answer.id);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(7);
      const level4 = page.comments[0].replies[0].replies[0].replies[0];
      expect(level4.id).toBe(comments[3].id);
      expect(level4.replies.map((c) => c.id)).toEqual([deepest.id, answer.id, again.id]);
      expect(level4.replies.map((c) => c.replyToId)).toEqual([comments[3].id, deepest.id, answer.id]);
      expect(level4.replies.every((c) => c.depth === 5 && c.replies.length === 0)).toBe(true);
    });

    it('with replies limited to two levels, a reply to a reply goes beside it at the second level', async () => {
      const site = await siteWith({ maxDepth: 2 });
      const url = newArticleUrl();
      const [top, reply] = await chain(site, url, 2);
      expect(reply.depth).toBe(2);

      const answer = (await reader.publish(site, { url, parentId: reply.id, body: 'Answering the reply.' })).comment;
      expect(answer.depth).toBe(2);
      expect(answer.parentId).toBe(top.id);
      expect(answer.replyToId).toBe(reply.id);

      const page = await reader.thread(site, url);
      expect(page.maxDepth).toBe(2);
      expect(page.comments).toHaveLength(1);
      expect(page.comments[0].replies.map((c) => c.id)).toEqual([reply.id, answer.id]);
      expect(page.comments[0].replies[1].replyToId).toBe(reply.id);
      expect(page.comments[0].replies[0].replies).toEqual([]);
    });

    it('on a flat site a reply is a top-level comment that remembers whom it answers', async () => {
      const site = await siteWith({ maxDepth: 1 });
      const url = newArticleUrl();
      const top = (await reader.publish(site, { url, body: 'The first word.' })).comment;

      const answer = (await reader.publish(site, { url, parentId: top.id, body: 'A flat answer.' })).comment;
      expect(answer.depth).toBe(1);
      expect(answer.parentId).toBeNull();
      expect(answer.replyToId).toBe(top.id);

      const page = await reader.thread(site, url);
      expect(page.maxDepth).toBe(1);
      expect(page.total).toBe(2);
      expect(page.comments.map((c) => c.id)).toEqual([top.id, answer.id]);
      expect(page.comments[0].replies).toEqual([]);
      expect(page.comments[1]).toEqual(expect.objectContaining({ parentId: null, replyToId: top.id, depth: 1, body: 'A flat answer.' }));
    });
  });

  describe('replies that are refused', () => {
    it('a reply to a comment under another article is refused, saying why', async () => {
      const site = await siteWith();
      const elsewhere = (await reader.publish(site, { url: newArticleUrl(), body: 'Under another story.' })).comment;
      const url = newArticleUrl();

      const answer = await reader.send(commentForm(site, { url, parentId: elsewhere.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe('Sorry, you can only reply to a comment on the same article.');
      expect((await reader.thread(site, url)).total).toBe(0);
    });

    it('a reply to a comment that does not exist is refused', async () => {
      const site = await siteWith();
      const answer = await reader.send(commentForm(site, { url: newArticleUrl(), parentId: 987654321 }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });

    it('a reply to a comment still awaiting moderation is refused', async () => {
      const site = await siteWith({ premoderation: 'all' });
      const url = newArticleUrl();
      const held = await reader.send(commentForm(site, { url }));
      expect(held.body.status).toBe('pending');

      const answer = await reader.send(commentForm(site, { url, parentId: held.body.comment.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });

    it('a reply to a comment its author deleted is refused', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const posted = await reader.publish(site, { url });
      const deleted = await reader.delete(posted.comment.id, posted.editToken);
      expect(deleted.status).toBe(204);

      const answer = await reader.send(commentForm(site, { url, parentId: posted.comment.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });
  });

  describe('a comment withdrawn by its author', () => {
    it('a top-level comment with replies stays as a placeholder, its replies still under it', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await reader.publish(site, { url, body: 'I will regret this.', name: 'Regretful Reader' });
      const r1 = (await reader.publish(site, { url, parentId: top.comment.id, body: 'First answer.' })).comment;
      const r2 = (await reader.publish(site, { url, parentId: r1.id, body: 'Answer to the answer.' })).comment;
      const later = (await reader.publish(site, { url, body: 'An unrelated comment.' })).comment;

      await reader.withdraw(top);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(3);
      expect(page.comments.map((c) => c.id)).toEqual([top.comment.id, later.id]);
      const placeholder = page.comments[0];
      expect(placeholder).toEqual(expect.objectContaining({ id: top.comment.id, removed: true, author: null, body: null }));
      expect(JSON.stringify(page)).not.toContain('I will regret this.');
      expect(JSON.stringify(page)).not.toContain('Regretful Reader');
      expect(placeholder.replies.map((c) => c.id)).toEqual([r1.id]);
      expect(placeholder.replies[0]).toEqual(expect.objectContaining({ body: 'First answer.', removed: false }));
      expect(placeholder.replies[0].replies.map((c) => c.id)).toEqual([r2.id]);
    });

    it('a reply with replies of its own stays as a placeholder in its place', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = (await reader.publish(site, { url, body: 'Top.' })).comment;
      const middle = await reader.publish(site, { url, parentId: top.id, body: 'Middle, soon withdrawn.' });
      const sibling = (await reader.publish(site, { url, parentId: top.id, body: 'A sibling.' })).comment;
      const under = (await reader.publish(site, { url, parentId: middle.comment.id, body: 'Under the middle.' })).comment;

      await reader.withdraw(middle);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(3);
      const replies = page.comments[0].replies;
      expect(replies.map((c) => c.id)).toEqual([middle.comment.id, sibling.id]);
      expect(replies[0]).toEqual(expect.objectContaining({ removed: true, author: null, body: null }));
      expect(replies[0].replies.map((c) => c.id)).toEqual([under.id]);
      expect(replies[0].replies[0].body).toBe('Under the middle.');
      expect(JSON.stringify(page)).not.toContain('Middle, soon withdrawn.');
    });

    it('a top-level comment without replies disappears from the thread', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const gone = await reader.publish(site, { url, body: 'Never mind.' });
      const stays = (await reader.publish(site, { url, body: 'Staying.' })).comment;

      await reader.withdraw(gone);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments.map((c) => c.id)).toEqual([stays.id]);
      expect(JSON.stringify(page)).not.toContain('Never mind.');
    });

    it('a reply without replies disappears from under its parent', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = (await reader.publish(site, { url, body: 'Top.' })).comment;
      const gone = await reader.publish(site, { url, parentId: top.id, body: 'Withdrawn reply.' });
      const stays = (await reader.publish(site, { url, parentId: top.id, body: 'Remaining reply.' })).comment;

      await reader.withdraw(gone);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(2);
      expect(page.comments[0].replies.map((c) => c.id)).toEqual([stays.id]);
      expect(JSON.stringify(page)).not.toContain('Withdrawn reply.');
    });

    it('a withdrawn comment whose only reply still awaits moderation disappears', async () => {
      const site = await siteWith({ premoderation: 'links' });
      const url = newArticleUrl();
      const top = await reader.publish(site, { url, body: 'Plain words.' });
      const held = await reader.send(
        commentForm(site, { url, parentId: top.comment.id, body: 'See https://elsewhere.example/z', email: 'newcomer.z@example.org' }),
      );
      expect(held.body.status).toBe('pending');

      await reader.withdraw(top);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(0);
      expect(page.comments).toEqual([]);
    });

    it('once every reply under a withdrawn comment is withdrawn too, the placeholder goes as well', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await reader.publish(site, { url });
      const reply = await reader.publish(site, { url, parentId: top.comment.id });

      await reader.withdraw(top);
      expect((await reader.thread(site, url)).comments).toHaveLength(1);
      await reader.withdraw(reply);

      const page = await reader.thread(site, url);
      expect(page.total).toBe(0);
      expect(page.comments).toEqual([]);
    });
  });
});
