import { jest } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { MAX_LIVE_ARTICLES } from '../../src/embed/count/live-counts.js';
import { keepPagesAsArtifacts, launchChromium, type NewsHost, Readers, startNewsHost } from '../support/browser.js';
import { eventually, WAIT_MS } from '../support/widget-page.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * count.js in a real browser (issue 20): a news site's homepage lists its stories with
 * `<span data-kolom-count>` beside each, pastes one script tag, and the numbers appear; with
 * data-live they follow new comments without a reload.
 */

jest.setTimeout(60_000);

/** A homepage teaser: the story's path, how the count element names it, and its options. */
interface Teaser {
  path: string;
  /** 'data-url': the span names it; 'link': the span sits in the story's link, which names it. */
  by: 'data-url' | 'link';
  number?: boolean;
}

describe('count.js in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  let http: HttpReader;
  let homepageCounter = 0;
  let storyCounter = 0;
  const readers = new Readers(() => browser);
  keepPagesAsArtifacts(readers, 'count-script', 'count.js in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    site = await kolom.app.get(SitesService).create({ slug: 'harian-kota-counts', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  const newStory = () => `/city/counted-story-${++storyCounter}`;
  const comment = (path: string) => http.publish(site, { url: host.origin + path });

  /** Serves a homepage listing the teasers with count.js, and opens it in a new reader's browser. */
  async function openHomepage(
    teasers: Teaser[],
    options: { lang?: string; live?: boolean } = {},
  ): Promise<{ page: Page; errors: string[]; joined: Promise<void>; joins: () => number }> {
    const items = teasers.map(({ path, by, number }, i) => {
      const span = `<span class="count-${i}" data-kolom-count${number ? '="number"' : ''}${by === 'data-url' ? ` data-url="${path}"` : ''}></span>`;
      return by === 'link'
        ? `<li><a href="${path}?utm_source=homepage#comments">Story ${i} ${span}</a></li>`
        : `<li><a href="${path}">Story ${i}</a> ${span}</li>`;
    });
    const url = host.serve(
      `/homepage-${++homepageCounter}`,
      `<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head><meta charset="utf-8"><title>Harian Kota</title></head>
<body>
<h1>Harian Kota</h1>
<ul>
${items.join('\n')}
</ul>
<script src="${kolom.baseUrl}/count.js" data-site="${site.slug}"${options.live ? ' data-live' : ''} async></script>
</body>
</html>
`,
    );
    const reader = await readers.add();
    // Read off the wire: the live connection's answers to its joins (socket.io acks, `43<id>[…]`).
    let acks = 0;
    const live = teasers.length > 0 && options.live;
    const joined = new Promise<void>((resolve) =>
      reader.context.on('page', (opened) =>
        opened.on('websocket', (socket) =>
          socket.on('framereceived', ({ payload }) => {
            if (String(payload).startsWith('43') && ++acks === Math.min(new Set(teasers.map((t) => t.path)).size, MAX_LIVE_ARTICLES)) resolve();
          }),
        ),
      ),
    );
    const page = await reader.open(url);
    await page.evaluate('window.__sameDocument = true');
    return { page, errors: reader.errors, joined: live ? joined : Promise.resolve(), joins: () => acks };
  }

  const countText = (page: Page, i: number) => page.locator(`.count-${i}`).innerText({ timeout: WAIT_MS });
  async function expectCounts(page: Page, expected: string[]): Promise<void> {
    await eventually(async () => {
      expect(await Promise.all(expected.map((_, i) => countText(page, i)))).toEqual(expected);
    });
  }

  it('fills every count on a homepage, by data-url or by the link it sits in, in words or as a number', async () => {
    const [busy, single, quiet] = [newStory(), newStory(), newStory()];
    await comment(busy);
    await comment(busy);
    await comment(single);

    const { page, errors } = await openHomepage([
      { path: busy, by: 'data-url' },
      { path: single, by: 'link' },
      { path: quiet, by: 'data-url' },
      { path: busy, by: 'link', number: true },
    ]);

    await expectCounts(page, ['2 comments', '1 comment', '0 comments', '2']);
    expect(await page.locator('.count-0').getAttribute('data-kolom-count-value')).toBe('2');
    expect(errors).toEqual([]);
  });

  it('speaks Indonesian on an Indonesian page', async () => {
    const story = newStory();
    await comment(story);
    const { page } = await openHomepage([{ path: story, by: 'data-url' }], { lang: 'id' });

    await expectCounts(page, ['1 komentar']);
  });

  it('with data-live, follows new comments without a reload, on articles with comments and without', async () => {
    const [busy, quiet] = [newStory(), newStory()];
    await comment(busy);
    const { page, errors, joined } = await openHomepage(
      [
        { path: busy, by: 'data-url' },
        { path: quiet, by: 'link' },
      ],
      { live: true },
    );
    await expectCounts(page, ['1 comment', '0 comments']);
    await joined;

    await comment(busy);
    await comment(quiet);

    await expectCounts(page, ['2 comments', '1 comment']);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(errors).toEqual([]);
  });

  it(`follows the first ${MAX_LIVE_ARTICLES} articles of the page live, and shows the others as loaded`, async () => {
    const stories = Array.from({ length: MAX_LIVE_ARTICLES + 1 }, newStory);
    const { page, joined, joins } = await openHomepage(
      stories.map((path) => ({ path, by: 'data-url' as const })),
      { live: true },
    );
    await expectCounts(
      page,
      stories.map(() => '0 comments'),
    );
    await joined;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(joins()).toBe(MAX_LIVE_ARTICLES);

    await comment(stories[MAX_LIVE_ARTICLES]);
    await comment(stories[0]);

    await expectCounts(page, ['1 comment', ...stories.slice(1).map(() => '0 comments')]);
  });

  it('is small: the served script, gzipped, stays under 2 KB', async () => {
    const response = await fetch(`${kolom.baseUrl}/count.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const script = Buffer.from(await response.arrayBuffer());
    expect(gzipSync(script, { level: 9 }).length).toBeLessThan(2 * 1024);
  });
});
