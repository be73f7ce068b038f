import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { expectStatus } from '../support/http.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, eventually, rendered, text } from '../support/widget-page.js';

/**
 * Likes and the reader's sort in the widget, in Chromium (issue 19): one reader likes and sorts by
 * top, another reader's open page follows the counts live, and the choices survive a reload.
 */

jest.setTimeout(60_000);

describe('likes and sorting in the embedded widget', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'widget-reactions', 'likes and sorting in the embedded widget');

  beforeAll(async () => {
    // One trusted proxy hop: the API's likes below come from other readers' addresses; the browsers, without the header, from their own.
    [browser, kolom] = await Promise.all([launchChromium(), startKolom({ TRUST_PROXY: '1' })]);
    host = await startNewsHost(kolom.baseUrl);
    site = await kolom.app.get(SitesService).create({ slug: 'harian-suka', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  const openArticle = async (url: string, reader?: Reader): Promise<Page> => {
    const page = await (reader ?? (await readers.add())).open(url);
    await rendered(page);
    return page;
  };
  const likeButtonOf = (page: Page, body: string): Locator => commentWith(page, body).locator('.kolom-like');
  const likeFrom = async (id: number, address: string) =>
    expectStatus(await kolom.request('POST', `/api/v1/comments/${id}/reactions`, undefined, { 'X-Forwarded-For': address }), 200);
  const bodies = (page: Page) => page.locator('ol.kolom-comments > li.kolom-comment > article .kolom-body').allInnerTexts();

  it('reader A likes and sorts by top; reader B sees the counts live; both choices survive a reload', async () => {
    const article = host.publish({ site: site.slug });
    const first = await http.publish(site, { url: article.canonical, body: 'The first remark.' });
    const second = await http.publish(site, { url: article.canonical, body: 'The second remark.' });
    const third = await http.publish(site, { url: article.canonical, body: 'The third remark.' });
    void first;

    const readerA = await readers.add();
    const pageA = await openArticle(article.url, readerA);
    const pageB = await openArticle(article.url);
    expect(await bodies(pageA)).toEqual(['The first remark.', 'The second remark.', 'The third remark.']);

    const like = likeButtonOf(pageA, 'The second remark.');
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    // Named "Like" for screen readers; the site's heart shows.
    expect(await pageA.getByRole('button', { name: 'Like' }).count()).toBe(3);
    expect(await like.locator('.kolom-like-symbol').textContent()).toBe('♥');
    await like.focus();
    await pageA.keyboard.press('Enter');
    await eventually(async () => {
      expect(await like.getAttribute('aria-pressed')).toBe('true');
      expect(await text(like.locator('.kolom-like-count'))).toBe('1');
    });
    // B's page, untouched, follows the count.
    await eventually(async () => expect(await text(likeButtonOf(pageB, 'The second remark.').locator('.kolom-like-count'))).toBe('1'));
    expect(await likeButtonOf(pageB, 'The second remark.').getAttribute('aria-pressed')).toBe('false');

    // Two other readers like the third remark.
    await likeFrom(third.comment.id, '203.0.113.40');
    await likeFrom(third.comment.id, '203.0.113.41');
    await eventually(async () => expect(await text(likeButtonOf(pageB, 'The third remark.').locator('.kolom-like-count'))).toBe('2'));

    // A sorts by top: most liked first.
    await pageA.locator('select.kolom-sort-select').selectOption('top');
    await eventually(async () => expect(await bodies(pageA)).toEqual(['The third remark.', 'The second remark.', 'The first remark.']));
    await shoot(pageA, 'sorted-by-top');

    // After a reload A's page is still sorted by top, and the like still A's.
    await pageA.reload();
    await rendered(pageA);
    expect(await pageA.locator('select.kolom-sort-select').inputValue()).toBe('top');
    expect(await bodies(pageA)).toEqual(['The third remark.', 'The second remark.', 'The first remark.']);
    expect(await likeButtonOf(pageA, 'The second remark.').getAttribute('aria-pressed')).toBe('true');
    expect(await text(likeButtonOf(pageA, 'The second remark.').locator('.kolom-like-count'))).toBe('1');
    // B chose nothing: still oldest first.
    expect(await pageB.locator('select.kolom-sort-select').inputValue()).toBe('oldest');

    // A takes the like back; B's count goes.
    await likeButtonOf(pageA, 'The second remark.').click();
    await eventually(async () => expect(await likeButtonOf(pageA, 'The second remark.').getAttribute('aria-pressed')).toBe('false'));
    await eventually(async () => expect(await text(likeButtonOf(pageB, 'The second remark.').locator('.kolom-like-count'))).toBe(''));
    const [{ like_count: likes }] = await kolom.dataSource.query('SELECT like_count FROM comments WHERE id = $1', [second.comment.id]);
    expect(likes).toBe(0);
    expect([...readerA.errors, ...readerA.dialogs]).toEqual([]);
  });

  it('speaks Indonesian and shows the thumbs-up a site chose', async () => {
    const thumbs = await kolom.app.get(SitesService).create({
      slug: 'harian-jempol',
      origins: [host.origin],
      settings: { floodSeconds: 0, minSubmitSeconds: 0, reactionSymbol: 'thumb' },
    });
    const article = host.publish({ site: thumbs.slug, lang: 'id' });
    await http.publish(thumbs, { url: article.canonical, body: 'Komentar pertama.' });
    const page = await openArticle(article.url);
    const like = likeButtonOf(page, 'Komentar pertama.');
    expect(await like.locator('.kolom-like-symbol').textContent()).toBe('👍');
    expect(await page.getByRole('button', { name: 'Suka' }).count()).toBe(1);
    expect(await page.locator('.kolom-sort').innerText()).toContain('Urutkan');
    expect(await page.locator('select.kolom-sort-select option').allInnerTexts()).toEqual(['Terlama', 'Terbaru', 'Teratas']);
  });
});
