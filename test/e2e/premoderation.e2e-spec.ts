import type { Site } from '../../src/sites/site.entity.js';
import type { PremoderationMode } from '../../src/sites/site-settings.js';
import { expectStatus } from '../support/http.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Pre-moderation as the article sets it, when a moderator overrides the site's setting for one
 * article: the article's mode decides, for newcomers and for known authors alike.
 */

let storyCounter = 0;
const newStory = () => `https://news.example/premoderation/story-${++storyCounter}`;

describe('pre-moderation set on the article', () => {
  let kolom: TestKolom;
  /** A reader with an approved comment on each test's site. */
  let dewi: Reader;
  /** A reader posting on the site for the first time. */
  let made: Reader;

  beforeAll(async () => {
    kolom = await startKolom();
    dewi = readerOf(kolom, { fields: { name: 'Dewi', email: 'dewi@example.org' } });
    made = readerOf(kolom, { fields: { name: 'Made', email: 'made@example.org' } });
  });
  afterAll(async () => {
    await kolom.close();
  });

  /** A site where Dewi's first comment was approved, and a moderator for it. */
  async function siteWithKnownAuthor(premoderation: PremoderationMode): Promise<{ site: Site; moderator: Moderator }> {
    const site = await kolom.createSite({ premoderation });
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const first = await dewi.post(site, { url: newStory(), body: 'My first comment here.' });
    if (first.status !== 'approved') expectStatus(await moderator.act(first.comment.id, 'approve'), 200);
    return { site, moderator };
  }

  /** A new article on the site whose moderator set its pre-moderation. */
  async function articleSetTo(site: Site, moderator: Moderator, premoderation: PremoderationMode | null): Promise<string> {
    const url = newStory();
    // A comment creates the article; Dewi is known, so it is published under any mode but `all`.
    const opener = await dewi.post(site, { url, body: `Opening ${url}.` });
    expectStatus(await moderator.changeArticle(opener.comment.articleId, { premoderation }), 200);
    return url;
  }

  it('site off, article first-time: a known author is published, a newcomer is held', async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'first-time');

    expect((await dewi.post(site, { url, body: 'Back again with a second thought.' })).status).toBe('approved');
    expect(await made.post(site, { url, body: 'Hello from a first-time reader.' })).toMatchObject({
      status: 'pending',
      message: 'Your comment is awaiting moderation.',
    });
    // Elsewhere on the site, the site's own setting (off) still lets newcomers straight in.
    expect((await made.post(site, { url: newStory(), body: 'And on another story.' })).status).toBe('approved');
  });

  it('site first-time, article off: a newcomer is published on that article only', async () => {
    const { site, moderator } = await siteWithKnownAuthor('first-time');
    const url = await articleSetTo(site, moderator, 'off');

    expect((await made.post(site, { url, body: 'New here, and let in.' })).status).toBe('approved');
    const nyoman = readerOf(kolom, { fields: { name: 'Nyoman', email: 'nyoman@example.org' } });
    expect((await nyoman.post(site, { url: newStory(), body: 'New here, and held.' })).status).toBe('pending');
  });

  it("site off, article links: a newcomer's link is held, a known author's link and a newcomer without one are published", async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'links');

    expect((await made.post(site, { url, body: 'Source: https://budget.example/2026' })).status).toBe('pending');
    expect((await made.post(site, { url, body: 'No link, just a thought.' })).status).toBe('approved');
    expect((await dewi.post(site, { url, body: 'My source: https://budget.example/table' })).status).toBe('approved');
  });

  it("site off, article all: even a known author waits; back to the site's setting (null), they are published again", async () => {
    const { site, moderator } = await siteWithKnownAuthor('off');
    const url = await articleSetTo(site, moderator, 'all');

    expect((await dewi.post(site, { url, body: 'Held like everyone.' })).status).toBe('pending');
    const held = await made.post(site, { url, body: 'Held as well.' });
    expect(held.status).toBe('pending');
    expectStatus(await moderator.changeArticle(held.comment.articleId, { premoderation: null }), 200);
    expect((await made.post(site, { url, body: 'Now straight through.' })).status).toBe('approved');
  });
});
