import type { Site } from '../../src/sites/site.entity.js';
import type { PremoderationMode } from '../../src/sites/site-settings.js';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import { commentForm, startKolom, type SignedInModerator, type TestKolom } from '../support/test-app.js';

/**
 * Pre-moderation as the article sets it, when a moderator overrides the site's setting for one
 * article: the article's mode decides, for newcomers and for known authors alike.
 */

let storyCounter = 0;
const newStory = () => `https://news.example/premoderation/story-${++storyCounter}`;

describe('pre-moderation set on the article', () => {
  let kolom: TestKolom;

  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(async () => {
    await kolom.close();
  });

  async function post(site: Site, url: string, fields: Record<string, unknown>): Promise<PostedComment> {
    const answer = await kolom.request<PostedComment>('POST', '/api/v1/comments', commentForm(site, { url, ...fields }));
    expect(answer.status).toBe(201);
    return answer.body;
  }

  /** A site with one reader whose comment was approved, and a moderator for it. */
  async function siteWithKnownAuthor(premoderation: PremoderationMode) {
    const site = await kolom.createSite({ premoderation });
    const moderator = await kolom.signIn('moderator', [site]);
    const first = await post(site, newStory(), { name: 'Dewi', email: 'dewi@example.org', body: 'My first comment here.' });
    if (first.status !== 'approved') {
      const approved = await kolom.request('POST', `/api/v1/moderation/comments/${first.comment.id}/approve`, {}, moderator.headers);
      expect(approved.status).toBe(200);
    }
    return { site, moderator };
  }

  async function articleSetTo(site: Site, moderator: SignedInModerator, premoderation: PremoderationMode | null): Promise<string> {
    const url = newStory();
    // A comment creates the article; the author is known, so it is approved under any mode but `all`.
    const opener = await post(site, url, { name: 'Dewi', email: 'dewi@example.org', body: `Opening ${url}.` });
    const answer = await kolom.request('PATCH', `/api/v1/moderation/articles/${opener.comment.articleId}`, { premoderation }, moderator.headers);
    expect(answer.status).toBe(200);
    return url;
  }

  it('site off, article first-time: a known author is published, a newcomer is held', async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'first-time');

    const known = await post(site, url, { name: 'Dewi', email: 'dewi@example.org', body: 'Back again with a second thought.' });
    expect(known.status).toBe('approved');
    const newcomer = await post(site, url, { name: 'Made', email: 'made@example.org', body: 'Hello from a first-time reader.' });
    expect(newcomer).toMatchObject({ status: 'pending', message: 'Your comment is awaiting moderation.' });
    // Elsewhere on the site, the site's own setting (off) still lets newcomers straight in.
    const elsewhere = await post(site, newStory(), { name: 'Made', email: 'made@example.org', body: 'And on another story.' });
    expect(elsewhere.status).toBe('approved');
  });

  it('site first-time, article off: a newcomer is published on that article only', async () => {
    const { site, moderator } = await siteWithKnownAuthor('first-time');
    const url = await articleSetTo(site, moderator, 'off');

    expect((await post(site, url, { name: 'Made', email: 'made@example.org', body: 'New here, and let in.' })).status).toBe('approved');
    expect((await post(site, newStory(), { name: 'Nyoman', email: 'nyoman@example.org', body: 'New here, and held.' })).status).toBe('pending');
  });

  it('site off, article links: a newcomer\'s link is held, a known author\'s link and a newcomer without one are published', async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'links');

    expect((await post(site, url, { name: 'Made', email: 'made@example.org', body: 'Source: https://budget.example/2026' })).status).toBe('pending');
    expect((await post(site, url, { name: 'Made', email: 'made@example.org', body: 'No link, just a thought.' })).status).toBe('approved');
    expect((await post(site, url, { name: 'Dewi', email: 'dewi@example.org', body: 'My source: https://budget.example/table' })).status).toBe('approved');
  });

  it('site off, article all: even a known author waits; back to the site\'s setting (null), they are published again', async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'all');

    expect((await post(site, url, { name: 'Dewi', email: 'dewi@example.org', body: 'Held like everyone.' })).status).toBe('pending');
    const articleId = (await post(site, url, { name: 'Made', email: 'made@example.org', body: 'Held as well.' })).comment.articleId;
    const reset = await kolom.request('PATCH', `/api/v1/moderation/articles/${articleId}`, { premoderation: null }, moderator.headers);
    expect(reset.status).toBe(200);
    expect((await post(site, url, { name: 'Made', email: 'made@example.org', body: 'Now straight through.' })).status).toBe('approved');
  });
});
