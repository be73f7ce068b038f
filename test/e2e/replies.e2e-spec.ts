import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import { commentForm, startKolom, TestKolom } from '../support/test-app.js';

const NOT_APPROVED = 'Sorry, replies to unapproved comments are not allowed.';

/** Replying to comments: how deep a conversation goes, and what happens when a comment is withdrawn. */
describe('replies', () => {
  let kolom: TestKolom;
  let articleCounter = 0;

  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom.close());

  function newArticleUrl(): string {
    articleCounter += 1;
    return `https://news.example/opinion/column-${articleCounter}`;
  }

  async function thread(site: Site, url: string): Promise<any> {
    const answer = await kolom.request('GET', `/api/v1/threads?site=${site.slug}&url=${encodeURIComponent(url)}`);
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function postAnswer(site: Site, url: string, overrides: Record<string, unknown> = {}): Promise<any> {
    const answer = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url, ...overrides }));
    expect(answer.status).toBe(201);
    expect(answer.body.status).toBe('approved');
    return answer.body;
  }

  async function post(site: Site, url: string, overrides: Record<string, unknown> = {}): Promise<any> {
    return (await postAnswer(site, url, overrides)).comment;
  }

  /** A top-level comment and replies under each other, `levels` deep in all. */
  async function chain(site: Site, url: string, levels: number): Promise<any[]> {
    const comments = [await post(site, url, { body: 'Level 1.' })];
    for (let level = 2; level <= levels; level += 1) {
      comments.push(await post(site, url, { parentId: comments[comments.length - 1].id, body: `Level ${level}.` }));
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

      const page = await thread(site, url);
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

      const answer = await post(site, url, { parentId: deepest.id, body: 'Answering the deepest one.' });
      expect(answer.depth).toBe(5);
      expect(answer.parentId).toBe(deepest.parentId);
      expect(answer.parentId).toBe(comments[3].id);
      expect(answer.replyToId).toBe(deepest.id);

      // And a reply to that reply stays at the same level too.
      const again = await post(site, url, { parentId: answer.id, body: 'And answering that.' });
      expect(again.depth).toBe(5);
      expect(again.parentId).toBe(comments[3].id);
      expect(again.replyToId).toBe(answer.id);

      const page = await thread(site, url);
      expect(page.total).toBe(7);
      const level4 = page.comments[0].replies[0].replies[0].replies[0];
      expect(level4.id).toBe(comments[3].id);
      expect(level4.replies.map((c: any) => c.id)).toEqual([deepest.id, answer.id, again.id]);
      expect(level4.replies.map((c: any) => c.replyToId)).toEqual([comments[3].id, deepest.id, answer.id]);
      expect(level4.replies.every((c: any) => c.depth === 5 && c.replies.length === 0)).toBe(true);
    });

    it('with replies limited to two levels, a reply to a reply goes beside it at the second level', async () => {
      const site = await siteWith({ maxDepth: 2 });
      const url = newArticleUrl();
      const [top, reply] = await chain(site, url, 2);
      expect(reply.depth).toBe(2);

      const answer = await post(site, url, { parentId: reply.id, body: 'Answering the reply.' });
      expect(answer.depth).toBe(2);
      expect(answer.parentId).toBe(top.id);
      expect(answer.replyToId).toBe(reply.id);

      const page = await thread(site, url);
      expect(page.maxDepth).toBe(2);
      expect(page.comments).toHaveLength(1);
      expect(page.comments[0].replies.map((c: any) => c.id)).toEqual([reply.id, answer.id]);
      expect(page.comments[0].replies[1].replyToId).toBe(reply.id);
      expect(page.comments[0].replies[0].replies).toEqual([]);
    });

    it('on a flat site a reply is a top-level comment that remembers whom it answers', async () => {
      const site = await siteWith({ maxDepth: 1 });
      const url = newArticleUrl();
      const top = await post(site, url, { body: 'The first word.' });

      const answer = await post(site, url, { parentId: top.id, body: 'A flat answer.' });
      expect(answer.depth).toBe(1);
      expect(answer.parentId).toBeNull();
      expect(answer.replyToId).toBe(top.id);

      const page = await thread(site, url);
      expect(page.maxDepth).toBe(1);
      expect(page.total).toBe(2);
      expect(page.comments.map((c: any) => c.id)).toEqual([top.id, answer.id]);
      expect(page.comments[0].replies).toEqual([]);
      expect(page.comments[1]).toEqual(expect.objectContaining({ parentId: null, replyToId: top.id, depth: 1, body: 'A flat answer.' }));
    });
  });

  describe('replies that are refused', () => {
    it('a reply to a comment under another article is refused', async () => {
      const site = await siteWith();
      const elsewhere = await post(site, newArticleUrl(), { body: 'Under another story.' });
      const url = newArticleUrl();

      const answer = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url, parentId: elsewhere.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
      expect((await thread(site, url)).total).toBe(0);
    });

    it('a reply to a comment that does not exist is refused', async () => {
      const site = await siteWith();
      const answer = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url: newArticleUrl(), parentId: 987654321 }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });

    it('a reply to a comment still awaiting moderation is refused', async () => {
      const site = await siteWith({ premoderation: 'all' });
      const url = newArticleUrl();
      const held = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url }));
      expect(held.body.status).toBe('pending');

      const answer = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url, parentId: held.body.comment.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });

    it('a reply to a comment its author deleted is refused', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const posted = await postAnswer(site, url);
      const deleted = await kolom.request('DELETE', `/api/v1/comments/${posted.comment.id}`, undefined, { 'X-Edit-Token': posted.editToken });
      expect(deleted.status).toBe(204);

      const answer = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url, parentId: posted.comment.id }));
      expect(answer.status).toBe(403);
      expect(answer.body.message).toBe(NOT_APPROVED);
    });
  });

  describe('a comment withdrawn by its author', () => {
    async function remove(posted: any): Promise<void> {
      const answer = await kolom.request('DELETE', `/api/v1/comments/${posted.comment.id}`, undefined, { 'X-Edit-Token': posted.editToken });
      expect(answer.status).toBe(204);
    }

    it('a top-level comment with replies stays as a placeholder, its replies still under it', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await postAnswer(site, url, { body: 'I will regret this.', name: 'Regretful Reader' });
      const r1 = await post(site, url, { parentId: top.comment.id, body: 'First answer.' });
      const r2 = await post(site, url, { parentId: r1.id, body: 'Answer to the answer.' });
      const later = await post(site, url, { body: 'An unrelated comment.' });

      await remove(top);

      const page = await thread(site, url);
      expect(page.total).toBe(3);
      expect(page.comments.map((c: any) => c.id)).toEqual([top.comment.id, later.id]);
      const placeholder = page.comments[0];
      expect(placeholder).toEqual(expect.objectContaining({ id: top.comment.id, removed: true, author: null, body: null }));
      expect(JSON.stringify(page)).not.toContain('I will regret this.');
      expect(JSON.stringify(page)).not.toContain('Regretful Reader');
      expect(placeholder.replies.map((c: any) => c.id)).toEqual([r1.id]);
      expect(placeholder.replies[0]).toEqual(expect.objectContaining({ body: 'First answer.', removed: false }));
      expect(placeholder.replies[0].replies.map((c: any) => c.id)).toEqual([r2.id]);
    });

    it('a reply with replies of its own stays as a placeholder in its place', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await post(site, url, { body: 'Top.' });
      const middle = await postAnswer(site, url, { parentId: top.id, body: 'Middle, soon withdrawn.' });
      const sibling = await post(site, url, { parentId: top.id, body: 'A sibling.' });
      const under = await post(site, url, { parentId: middle.comment.id, body: 'Under the middle.' });

      await remove(middle);

      const page = await thread(site, url);
      expect(page.total).toBe(3);
      const replies = page.comments[0].replies;
      expect(replies.map((c: any) => c.id)).toEqual([middle.comment.id, sibling.id]);
      expect(replies[0]).toEqual(expect.objectContaining({ removed: true, author: null, body: null }));
      expect(replies[0].replies.map((c: any) => c.id)).toEqual([under.id]);
      expect(replies[0].replies[0].body).toBe('Under the middle.');
      expect(JSON.stringify(page)).not.toContain('Middle, soon withdrawn.');
    });

    it('a top-level comment without replies disappears from the thread', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const gone = await postAnswer(site, url, { body: 'Never mind.' });
      const stays = await post(site, url, { body: 'Staying.' });

      await remove(gone);

      const page = await thread(site, url);
      expect(page.total).toBe(1);
      expect(page.comments.map((c: any) => c.id)).toEqual([stays.id]);
      expect(JSON.stringify(page)).not.toContain('Never mind.');
    });

    it('a reply without replies disappears from under its parent', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await post(site, url, { body: 'Top.' });
      const gone = await postAnswer(site, url, { parentId: top.id, body: 'Withdrawn reply.' });
      const stays = await post(site, url, { parentId: top.id, body: 'Remaining reply.' });

      await remove(gone);

      const page = await thread(site, url);
      expect(page.total).toBe(2);
      expect(page.comments[0].replies.map((c: any) => c.id)).toEqual([stays.id]);
      expect(JSON.stringify(page)).not.toContain('Withdrawn reply.');
    });

    it('a withdrawn comment whose only reply still awaits moderation disappears', async () => {
      const site = await siteWith({ premoderation: 'links' });
      const url = newArticleUrl();
      const top = await postAnswer(site, url, { body: 'Plain words.' });
      const held = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url, parentId: top.comment.id, body: 'See https://elsewhere.example/z', email: 'newcomer.z@example.org' }));
      expect(held.body.status).toBe('pending');

      await remove(top);

      const page = await thread(site, url);
      expect(page.total).toBe(0);
      expect(page.comments).toEqual([]);
    });

    it('once every reply under a withdrawn comment is withdrawn too, the placeholder goes as well', async () => {
      const site = await siteWith();
      const url = newArticleUrl();
      const top = await postAnswer(site, url);
      const reply = await postAnswer(site, url, { parentId: top.comment.id });

      await remove(top);
      expect((await thread(site, url)).comments).toHaveLength(1);
      await remove(reply);

      const page = await thread(site, url);
      expect(page.total).toBe(0);
      expect(page.comments).toEqual([]);
    });
  });
});
