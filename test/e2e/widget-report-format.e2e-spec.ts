import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { commentWith, eventually, rendered, text, WAIT_MS } from '../support/widget-page.js';
import { withQuery } from '../support/http.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Issue 19 for readers, in a real browser: "Report" under every comment (the flags API's reasons,
 * by mouse and by keyboard, a thank-you that survives a reload, a repeat refused politely, and a
 * held comment leaving another reader's open page), and light formatting (bold, italic, quotes,
 * links) drawn alike by the widget and by the no-JavaScript fragment, with markup always text.
 *
 * Every browser here reaches Kolom from 127.0.0.1, so to the flags they are one reader (one
 * network): a second browser reporting the same comment is the repeat the API refuses.
 */

jest.setTimeout(60_000);

const MESSAGES = {
  thanks: 'Thank you. A moderator will look at this comment.',
  reported: 'Reported. Thank you: a moderator will look at this comment.',
  already: 'You have already reported this comment.',
  alreadyId: 'Anda sudah melaporkan komentar ini.',
  needsText: 'Please say what is wrong with this comment.',
  chooseReason: 'Please choose a reason.',
};

describe('reporting and formatting in the embedded widget in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  /** Reports reach the queue; three of them would hold a comment. */
  let site: Site;
  /** One report holds a comment. */
  let strictSite: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'widget-report-format', 'reporting and formatting in the embedded widget in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    const sites = kolom.app.get(SitesService);
    // The formatted comment carries two links, which WordPress's default (2) would hold.
    const quick = { floodSeconds: 0, minSubmitSeconds: 0, maxLinks: 5 };
    site = await sites.create({ slug: 'harian-kota', origins: [host.origin], settings: quick });
    strictSite = await sites.create({ slug: 'harian-kota-strict', origins: [host.origin], settings: { ...quick, flagThreshold: 1 } });
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
  const publish = (page: Partial<ArticlePage> = {}, on: Site = site) => host.publish({ site: on.slug, ...page });
  let authorCounter = 0;
  /** A published comment by a reader of its own, through the API. */
  const comment = async (on: Site, url: string, body: string): Promise<number> => {
    authorCounter += 1;
    const posted = await http.publish(on, { url, body, name: `Reader ${authorCounter}`, email: `reader${authorCounter}@example.org` });
    return posted.comment.id;
  };
  const flagsOf = (commentId: number): Promise<Array<{ reason: string; text: string | null }>> =>
    kolom.dataSource.query('SELECT reason, text FROM flags WHERE comment_id = $1 ORDER BY id', [commentId]);
  /** The element focused inside the widget's shadow root, as "tag.class" (a string: the tests' types know no DOM). */
  const focused = (page: Page) =>
    page.evaluate<string | null>(
      `(() => { const a = document.getElementById('kolom-thread')?.shadowRoot?.activeElement; return a ? a.tagName.toLowerCase() + '.' + a.className : null; })()`,
    );
  const menuOf = (item: Locator) => ({
    toggle: item.locator('button.kolom-report-toggle'),
    panel: item.locator('form.kolom-report-panel'),
    reason: (value: string) => item.locator(`input[type="radio"][value="${value}"]`),
    details: item.locator('textarea.kolom-report-text'),
    send: item.locator('button.kolom-report-send'),
    error: item.locator('.kolom-report-panel .kolom-error'),
    thanks: item.locator('.kolom-reported'),
  });

  it('a reader reports a comment with the mouse, is thanked, and still sees the thanks after a reload', async () => {
    const article = publish();
    const id = await comment(site, article.canonical, 'Buy cheap watches at my shop, best prices in town!');
    const page = await openArticle(article.url);
    const item = page.locator(`li.kolom-comment[data-id="${id}"]`);
    const menu = menuOf(item);

    expect(await text(menu.toggle)).toBe('Report');
    expect(await menu.toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.panel.isVisible()).toBe(false);
    await menu.toggle.click();
    expect(await menu.toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.toggle.getAttribute('aria-controls')).toBe(await menu.panel.getAttribute('id'));
    expect(await text(item.locator('legend'))).toBe("What's wrong with this comment?");
    expect(await item.locator('.kolom-report-reason').allInnerTexts()).toEqual(['Spam', 'Abusive or hateful', 'Off-topic', 'Something else']);

    // Send without a reason: the menu asks for one and nothing reaches the server.
    await menu.send.click();
    expect(await text(menu.error)).toBe(MESSAGES.chooseReason);
    expect(await flagsOf(id)).toEqual([]);

    await menu.reason('spam').check();
    expect(await menu.error.textContent()).toBe('');
    await shoot(page, 'menu open');
    await menu.send.click();
    await eventually(async () => expect(await text(menu.thanks)).toBe(MESSAGES.thanks));
    expect(await menu.thanks.getAttribute('role')).toBe('status');
    expect(await menu.toggle.count()).toBe(0);
    // The focus stays on the answer, not lost to the top of the page.
    expect(await focused(page)).toBe('p.kolom-reported');
    expect(await flagsOf(id)).toEqual([{ reason: 'spam', text: null }]);
    // Three reports hold a comment on this site: one leaves it up.
    expect(await item.isVisible()).toBe(true);

    await page.reload();
    await rendered(page);
    expect(await text(menuOf(page.locator(`li.kolom-comment[data-id="${id}"]`)).thanks)).toBe(MESSAGES.reported);
    expect(await page.locator(`li.kolom-comment[data-id="${id}"] button.kolom-report-toggle`).count()).toBe(0);
  });

  it('a reader reports by keyboard alone: Enter opens the menu, arrows pick, Escape closes, Enter sends', async () => {
    const article = publish();
    const id = await comment(site, article.canonical, 'You are all idiots and should be ashamed.');
    const page = await openArticle(article.url);
    const menu = menuOf(page.locator(`li.kolom-comment[data-id="${id}"]`));

    await menu.toggle.focus();
    await page.keyboard.press('Enter');
    expect(await menu.panel.isVisible()).toBe(true);
    // The focus moves into the menu, on its first reason.
    expect(await focused(page)).toBe('input.');
    await page.keyboard.press('Escape');
    expect(await menu.panel.isVisible()).toBe(false);
    expect(await menu.toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('button.kolom-report-toggle');

    await page.keyboard.press('Space');
    expect(await menu.panel.isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await menu.reason('abuse').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('textarea.kolom-report-text');
    await page.keyboard.type('Insults every other reader.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.kolom-report-send');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await text(menu.thanks)).toBe(MESSAGES.thanks));
    expect(await flagsOf(id)).toEqual([{ reason: 'abuse', text: 'Insults every other reader.' }]);
  });

  it('"Something else" needs a few words: the server\'s message says so, and the words are sent', async () => {
    const article = publish();
    const id = await comment(site, article.canonical, 'The route 9 timetable in this story is from 2019.');
    const page = await openArticle(article.url);
    const menu = menuOf(page.locator(`li.kolom-comment[data-id="${id}"]`));

    await menu.toggle.click();
    await menu.reason('other').check();
    await menu.send.click();
    await eventually(async () => expect(await text(menu.error)).toBe(MESSAGES.needsText));
    expect(await menu.error.getAttribute('role')).toBe('alert');
    expect(await flagsOf(id)).toEqual([]);

    await menu.details.fill('Shares a stranger’s home address.');
    await menu.send.click();
    await eventually(async () => expect(await text(menu.thanks)).toBe(MESSAGES.thanks));
    expect(await flagsOf(id)).toEqual([{ reason: 'other', text: 'Shares a stranger’s home address.' }]);
  });

  it('a second report of the same comment from the same reader is refused politely, in the reader’s language', async () => {
    const article = publish();
    const id = await comment(site, article.canonical, 'Off topic: who else watched the match last night?');
    const first = await openArticle(article.url);
    const firstMenu = menuOf(first.locator(`li.kolom-comment[data-id="${id}"]`));
    await firstMenu.toggle.click();
    await firstMenu.reason('off-topic').check();
    await firstMenu.send.click();
    await eventually(async () => expect(await text(firstMenu.thanks)).toBe(MESSAGES.thanks));

    // Another browser on the same network (the API's "reader"), in English and in Bahasa Indonesia.
    for (const [dataLang, refusal] of [
      [undefined, MESSAGES.already],
      ['id', MESSAGES.alreadyId],
    ] as const) {
      const page = await openArticle(publish({ path: new URL(article.url).pathname, canonical: article.canonical, dataLang }).url);
      const menu = menuOf(page.locator(`li.kolom-comment[data-id="${id}"]`));
      expect(await text(menu.toggle)).toBe(dataLang === 'id' ? 'Laporkan' : 'Report');
      await menu.toggle.click();
      await menu.reason('spam').check();
      await menu.send.click();
      await eventually(async () => expect(await text(menu.thanks)).toBe(refusal));
      expect(await menu.error.count()).toBe(0);
      await shoot(page, `refused ${dataLang ?? 'en'}`);
    }
    expect(await flagsOf(id)).toEqual([{ reason: 'off-topic', text: null }]);
  });

  it('with the site holding at one report, a comment reader A reports leaves reader B’s open page live', async () => {
    const article = publish({}, strictSite);
    const keep = await comment(strictSite, article.canonical, 'The night bus is a lifeline for shift workers.');
    const id = await comment(strictSite, article.canonical, 'Click here for free crypto: totally legit.');
    const [a, b] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    for (const page of [a, b]) expect(await page.locator(`li.kolom-comment[data-id="${id}"]`).count()).toBe(1);
    await eventually(async () => expect(await text(b.locator('h2.kolom-heading'))).toBe('2 Comments'));

    const menu = menuOf(a.locator(`li.kolom-comment[data-id="${id}"]`));
    await menu.toggle.click();
    await menu.reason('spam').check();
    await menu.send.click();

    for (const page of [b, a]) {
      await eventually(async () => expect(await page.locator(`li.kolom-comment[data-id="${id}"]`).count()).toBe(0));
      expect(await page.locator(`li.kolom-comment[data-id="${keep}"]`).count()).toBe(1);
    }
    await eventually(async () => expect(await text(b.locator('h2.kolom-heading'))).toBe('1 Comment'));
    expect((await http.thread(strictSite, article.canonical)).comments.map((c) => c.id)).toEqual([keep]);
  });

  it('a reader’s own comment has no Report', async () => {
    const article = publish();
    const page = await openArticle(article.url);
    await page.fill('#kolom-body', 'My own words, not to be reported by me.');
    await page.fill('#kolom-name', 'Sari');
    await page.fill('#kolom-email', 'sari@example.org');
    await page.click('button.kolom-submit');
    const own = commentWith(page, 'My own words');
    await own.waitFor({ timeout: WAIT_MS });
    await eventually(async () => expect(await own.locator('button.kolom-edit').count()).toBe(1));
    expect(await own.locator('button.kolom-report-toggle').count()).toBe(0);
  });

  describe('formatting', () => {
    const FORMATTED = [
      '> The council said the buses would run *every* night.',
      '',
      'They **did not**: see https://news.example/transit?route=9&day=sun or www.example.org/timetable.',
      'Files like snake_case_names and sums like 2*3*4 stay as typed.',
    ].join('\n');
    const HOSTILE = '<script>window.__xss=1</script> **<img src=x onerror="window.__xss=1">** <a href="javascript:window.__xss=1">x</a>';

    /** What both drawings must show of the formatted comment. */
    const expectFormatted = async (body: Locator) => {
      expect(await text(body.locator('blockquote'))).toBe('The council said the buses would run every night.');
      expect(await text(body.locator('blockquote em'))).toBe('every');
      expect(await text(body.locator('strong'))).toBe('did not');
      const links = body.locator('a');
      expect(await links.count()).toBe(2);
      expect(await links.nth(0).getAttribute('href')).toBe('https://news.example/transit?route=9&day=sun');
      expect(await text(links.nth(0))).toBe('https://news.example/transit?route=9&day=sun');
      expect(await links.nth(1).getAttribute('href')).toBe('http://www.example.org/timetable');
      expect(await text(links.nth(1))).toBe('www.example.org/timetable');
      expect(await text(body)).toContain('snake_case_names and sums like 2*3*4 stay as typed.');
      expect(await body.locator('em').count()).toBe(1);
      return links;
    };
    const expectHostileAsText = async (body: Locator) => {
      expect(await text(body)).toBe(HOSTILE.replace('**', '').replace('**', ''));
      expect(await text(body.locator('strong'))).toBe('<img src=x onerror="window.__xss=1">');
      expect(await body.locator('script, img, [onerror], a').count()).toBe(0);
    };

    it('bold, italic, quotes and links show in the widget, and markup in a comment shows as text', async () => {
      const article = publish();
      const formatted = await comment(site, article.canonical, FORMATTED);
      const hostile = await comment(site, article.canonical, HOSTILE);
      const page = await openArticle(article.url);

      const links = await expectFormatted(page.locator(`li.kolom-comment[data-id="${formatted}"] .kolom-body`));
      for (const index of [0, 1]) {
        expect(await links.nth(index).getAttribute('rel')).toBe('nofollow ugc noopener');
        expect(await links.nth(index).getAttribute('target')).toBe('_blank');
      }
      await expectHostileAsText(page.locator(`li.kolom-comment[data-id="${hostile}"] .kolom-body`));
      expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
      // The stored text is what the reader typed.
      const thread = await http.thread(site, article.canonical);
      expect(thread.comments.map((c) => c.body)).toEqual([FORMATTED, HOSTILE]);
      await shoot(page, 'formatted');
    });

    it('the no-JavaScript fragment draws the same formatting, and the same markup as text', async () => {
      const article = publish();
      const formatted = await comment(site, article.canonical, FORMATTED);
      const hostile = await comment(site, article.canonical, HOSTILE);
      const answer = await kolom.request<string>('GET', withQuery('/embed/thread', { site: site.slug, url: article.canonical }));
      expect(answer.status).toBe(200);
      expect(answer.body).not.toMatch(/<script|<img|onerror="|href="javascript:/i);

      const page = await (await readers.add({ javaScriptEnabled: false })).context.newPage();
      await page.setContent(`<!DOCTYPE html><html><body>${answer.body}</body></html>`);
      const links = await expectFormatted(page.locator(`li.kolom-comment[data-id="${formatted}"] .kolom-body`));
      for (const index of [0, 1]) expect(await links.nth(index).getAttribute('rel')).toBe('nofollow ugc');
      await expectHostileAsText(page.locator(`li.kolom-comment[data-id="${hostile}"] .kolom-body`));
    });
  });
});
