import { jest } from '@jest/globals';
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { commentWith, eventually, fillForm, rendered, text, WAIT_MS } from '../support/widget-page.js';
import { expectStatus } from '../support/http.js';
import { signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * More of the embedded widget in a real browser (issue 6), beside widget.e2e-spec.ts: the pages
 * of a long thread, the "new comments" bar, errors that are about no one field, an author's own
 * edits, a dropped live connection, and the form by keyboard alone. As there, everything goes
 * through what a reader does and what a moderator does through the API, and the page is read
 * through the widget's DOM contract inside its open shadow root.
 */

jest.setTimeout(60_000);

/**
 * Back after the network returns: an attempt begun while it was away is given up after the
 * widget's 8 s connect timeout, and the next waits at most 5 s (socket.io-client's longest delay).
 */
const RECONNECT_MS = 15_000;
/** When the browser itself says the network is back, the widget tries at once, whatever its delay. */
const BACK_ONLINE_MS = 2_000;
/** The API's default page: this many top-level comments, each with its replies. */
const PAGE_SIZE = 50;

const MESSAGES = {
  closed: 'Sorry, comments are closed for this item.',
  closedNotice: 'Comments are closed.',
  emptyComment: 'Please type your comment text.',
  offline: 'The connection was lost; trying again…',
  confirmDelete: 'Delete your comment?',
};

describe('more of the embedded comment widget in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  /** Readers' comments posted through the API, for the pages to show. */
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'widget-more', 'more of the embedded comment widget in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    site = await kolom.app.get(SitesService).create({ slug: 'harian-kota', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  /** A reader opening a news article, once the widget has rendered it for the first time. */
  const openArticle = async (url: string, reader?: Reader): Promise<Page> => {
    const page = await (reader ?? (await readers.add())).open(url);
    await rendered(page);
    return page;
  };
  const publish = (page: Partial<ArticlePage> = {}) => host.publish({ site: site.slug, ...page });
  const post = (url: string, fields: Record<string, unknown> = {}) => http.post(site, { url, ...fields });
  /** The thread as the API gives it, every page of it: the top-level ids in order, and the total. */
  const threadOf = async (url: string): Promise<{ articleId: number | null; ids: number[]; total: number; open: boolean }> => {
    const first = await http.thread(site, url);
    const ids = first.comments.map((c) => c.id);
    for (let cursor = first.nextCursor; cursor;) {
      const page = await http.thread(site, url, { cursor });
      ids.push(...page.comments.map((c) => c.id));
      cursor = page.nextCursor;
    }
    return { articleId: first.article.id, ids, total: first.total, open: first.open };
  };
  /** Top-level comments posted ten at a time; their ids in the order the server gave them. */
  const seedComments = async (url: string, count: number, body: (n: number) => string): Promise<number[]> => {
    const ids: number[] = [];
    for (let n = 0; n < count; n += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - n) }, (_, i) =>
          post(url, { name: `Reader ${n + i + 1}`, email: `reader${n + i + 1}@example.org`, body: body(n + i + 1) }),
        ),
      );
      for (const answer of batch) expect(answer.status).toBe('approved');
      ids.push(...batch.map((answer) => answer.comment.id));
    }
    return ids.sort((a, b) => a - b);
  };

  it('a thread longer than one page shows 50 comments and "Load more comments", which brings the rest, each once and in order, and then goes', async () => {
    const article = publish();
    const posted = await seedComments(article.canonical, PAGE_SIZE + 5, (n) => `Comment ${n}: the night bus is how I get home from the hospital.`);
    const thread = await threadOf(article.canonical);
    expect([...thread.ids].sort((a, b) => a - b)).toEqual(posted);

    const page = await openArticle(article.url);
    expect(await text(page.locator('h2.kolom-heading'))).toBe(`${PAGE_SIZE + 5} Comments`);
    expect(await topLevelIds(page)).toEqual(thread.ids.slice(0, PAGE_SIZE));
    const more = page.locator('button.kolom-more');
    expect(await more.isVisible()).toBe(true);
    expect(await text(more)).toBe('Load more comments');
    await shoot(page, 'first page');

    await more.click();
    await eventually(async () => expect((await topLevelIds(page)).length).toBe(PAGE_SIZE + 5));
    expect(await topLevelIds(page)).toEqual(thread.ids);
    expect(await page.locator('li.kolom-comment').count()).toBe(PAGE_SIZE + 5);
    await eventually(async () => expect(await more.isVisible()).toBe(false));
    expect(await text(page.locator('h2.kolom-heading'))).toBe(`${PAGE_SIZE + 5} Comments`);
    // The comments of the second page are whole comments, with the reader's actions.
    expect(await text(commentWith(page, `Comment ${PAGE_SIZE + 5}:`).locator('.kolom-author'))).toBe(`Reader ${PAGE_SIZE + 5}`);
    expect(
      await commentWith(page, `Comment ${PAGE_SIZE + 5}:`)
        .locator('button.kolom-reply')
        .count(),
    ).toBe(1);
  });

  it('a reader scrolled away from where new comments land gets "1 new comment", then "2 new comments", which brings them into view; a reader who sees them gets no bar', async () => {
    const article = publish();
    await seedComments(
      article.canonical,
      12,
      (n) => `Comment ${n}: the night buses matter to my family.\n\nWe work late shifts at the market, and the last train leaves at eleven.`,
    );
    const viewport = { width: 1000, height: 700 };
    const [away, watching] = await Promise.all([
      openArticle(article.url, await readers.add({ viewport })),
      openArticle(article.url, await readers.add({ viewport })),
    ]);
    // One reads the first comments (new ones land far below); the other is at the last one.
    await away.locator('h2.kolom-heading').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await watching
      .locator('ol.kolom-comments > li.kolom-comment')
      .last()
      .evaluate((item) => item.scrollIntoView({ block: 'start' }));
    const bar = (page: Page) => page.locator('button.kolom-new-bar');
    expect(await bar(away).isVisible()).toBe(false);

    const first = await post(article.canonical, { name: 'Joko', body: 'Route 5 too, please.' });
    const firstItem = (page: Page) => page.locator(`li.kolom-comment[data-id="${first.comment.id}"]`);
    await Promise.all([firstItem(away).waitFor({ timeout: WAIT_MS }), firstItem(watching).waitFor({ timeout: WAIT_MS })]);
    await eventually(async () => expect(await text(bar(away))).toBe('1 new comment'));
    expect(await inViewport(away, firstItem(away))).toBe(false);
    // The bar is where the reader is looking.
    expect(await inViewport(away, bar(away))).toBe(true);

    const second = await post(article.canonical, { name: 'Kartika', body: 'And an earlier last bus on Sundays.' });
    const secondItem = (page: Page) => page.locator(`li.kolom-comment[data-id="${second.comment.id}"]`);
    await Promise.all([secondItem(away).waitFor({ timeout: WAIT_MS }), secondItem(watching).waitFor({ timeout: WAIT_MS })]);
    await eventually(async () => expect(await text(bar(away))).toBe('2 new comments'));
    await shoot(away, 'two new comments');

    // The reader who watched them land never needed the bar (its appearance would have been ≤ 1 s away).
    expect(await inViewport(watching, secondItem(watching))).toBe(true);
    await watching.waitForTimeout(1_000);
    expect(await bar(watching).isVisible()).toBe(false);

    await bar(away).click();
    await eventually(async () => expect(await inViewport(away, firstItem(away))).toBe(true));
    await eventually(async () => expect(await bar(away).isVisible()).toBe(false));
    expect(await inViewport(away, secondItem(away))).toBe(true);
  });

  it('posting on an article a moderator closed meanwhile shows "Sorry, comments are closed for this item." and adds nothing; a page opened later says "Comments are closed." instead of the form', async () => {
    const article = publish();
    const earlier = await post(article.canonical, { name: 'Lestari', body: 'Will the fares really stay the same?' });
    const page = await openArticle(article.url);
    const admin = await signInModerator(kolom, 'admin');
    expect((await admin.closeArticle(earlier.comment.articleId)).open).toBe(false);

    await fillForm(page, { body: 'One more thought on route 7.', name: 'Made', email: 'made@example.org' });
    await page.click('button.kolom-submit');
    const formError = page.locator('p.kolom-form-error');
    await eventually(async () => expect(await text(formError)).toBe(MESSAGES.closed));
    expect(await formError.getAttribute('role')).toBe('alert');
    for (const field of ['body', 'name', 'email', 'website']) {
      expect(await page.locator(`#kolom-${field}`).getAttribute('aria-invalid')).not.toBe('true');
    }
    expect(await page.locator('li.kolom-comment').count()).toBe(1);
    expect(await page.getByText('One more thought on route 7.').count()).toBe(0);
    // What the reader typed is still there, to keep.
    expect(await page.inputValue('#kolom-body')).toBe('One more thought on route 7.');
    const thread = await threadOf(article.canonical);
    expect({ ids: thread.ids, total: thread.total, open: thread.open }).toEqual({ ids: [earlier.comment.id], total: 1, open: false });
    await shoot(page, 'closed while open');

    const later = await openArticle(article.url);
    expect(await text(later.locator('p.kolom-closed'))).toBe(MESSAGES.closedNotice);
    expect(await later.locator('form.kolom-form').count()).toBe(0);
    expect(await later.locator('#kolom-body').count()).toBe(0);
    expect(await later.locator(`li.kolom-comment[data-id="${earlier.comment.id}"]`).count()).toBe(1);
    expect(await later.locator('button.kolom-reply').count()).toBe(0);
  });

  it('the author edits their comment (marked "edited" for everyone, live) and deletes it after confirming; other readers never get Edit or Delete', async () => {
    const article = publish();
    const authorReader = await readers.add();
    const author = await openAccepting(authorReader, article.url);
    const other = await openArticle(article.url);
    const body = 'The night bus should stop at the market gate.';
    await fillForm(author, { body, name: 'Nyoman', email: 'nyoman@example.org' });
    await author.click('button.kolom-submit');
    await Promise.all([commentWith(author, body).waitFor({ timeout: WAIT_MS }), commentWith(other, body).waitFor({ timeout: WAIT_MS })]);
    const id = Number(await commentWith(author, body).getAttribute('data-id'));
    const item = (page: Page) => page.locator(`li.kolom-comment[data-id="${id}"]`);
    const ownActions = (page: Page) => page.locator('button.kolom-edit, button.kolom-delete');
    expect(await ownActions(other).count()).toBe(0);

    await item(author).locator('button.kolom-edit').click();
    const editBox = item(author).locator('.kolom-edit-box');
    const textarea = editBox.locator('textarea');
    expect(await textarea.inputValue()).toBe(body);
    // The edit opens with the cursor in it.
    expect(await deepFocus(author)).toBe('textarea');
    const edited = 'The night bus should stop at the market gate and at the hospital.';
    await textarea.fill(edited);
    await shoot(author, 'editing');
    await editBox.getByRole('button', { name: 'Save' }).click();

    for (const page of [author, other]) {
      await eventually(async () => expect(await text(item(page).locator('.kolom-body'))).toBe(edited));
      expect(await text(item(page).locator('.kolom-edited'))).toBe('edited');
      expect(await page.getByText(body, { exact: true }).count()).toBe(0);
    }
    expect(await editBox.count()).toBe(0);
    expect(await ownActions(author).count()).toBe(2);
    expect(await ownActions(other).count()).toBe(0);
    const thread = await http.thread(site, article.canonical);
    expect(thread.comments.map((c) => c.body)).toEqual([edited]);

    await item(author).locator('button.kolom-delete').click();
    for (const page of [author, other]) await item(page).waitFor({ state: 'detached', timeout: WAIT_MS });
    expect(authorReader.dialogs).toEqual([`confirm: ${MESSAGES.confirmDelete}`]);
    for (const page of [author, other]) {
      expect(await page.getByText(edited).count()).toBe(0);
      expect(await page.locator('li.kolom-comment').count()).toBe(0);
    }
    expect((await threadOf(article.canonical)).ids).toEqual([]);
    expect(await ownActions(other).count()).toBe(0);
  });

  it('after a dropped connection the page reconnects by itself and shows exactly the thread: what was posted meanwhile, without what a moderator removed, each once', async () => {
    const article = publish();
    const kept = await post(article.canonical, { name: 'Oka', body: 'Good to see route 2 back.' });
    const trashedLater = await post(article.canonical, { name: 'Spam Bus', body: 'Cheap bus passes, message me.' });
    const reader = await readers.add();
    const connection = await cuttable(reader);
    const [moderator, page] = await Promise.all([signInModerator(kolom, 'moderator', [site]), openArticle(article.url, reader)]);
    await eventually(async () => expect(connection.opened()).toBeGreaterThan(0));
    // Live before the drop: a comment posted now arrives without a reload.
    const before = await post(article.canonical, { name: 'Putu', body: 'Posted while the page listened.' });
    await page.locator(`li.kolom-comment[data-id="${before.comment.id}"]`).waitFor({ timeout: WAIT_MS });

    await connection.cut();
    await eventually(async () => expect(await text(page.locator('span.kolom-status'))).toBe(MESSAGES.offline));
    const missed = [
      await post(article.canonical, { name: 'Rina', body: 'Posted while the page was away, 1.' }),
      await post(article.canonical, { name: 'Sari', body: 'Posted while the page was away, 2.' }),
    ];
    const postedAndTrashed = await post(article.canonical, { name: 'Spam Again', body: 'More cheap passes.' });
    for (const id of [trashedLater.comment.id, postedAndTrashed.comment.id]) {
      expectStatus(await moderator.act(id, 'trash'), 200);
    }
    // Nothing reached the page while it was cut off.
    expect(await page.getByText('Posted while the page was away').count()).toBe(0);
    expect(await page.locator(`li.kolom-comment[data-id="${trashedLater.comment.id}"]`).count()).toBe(1);
    await shoot(page, 'cut off');
    // The worst moment to come back: just after an attempt met the dead network.
    await eventually(async () => expect(connection.refused()).toBeGreaterThan(0));

    connection.restore();
    const thread = await threadOf(article.canonical);
    expect(thread.ids).toEqual([kept.comment.id, before.comment.id, ...missed.map((m) => m.comment.id)]);
    await eventually(async () => expect(await text(page.locator('span.kolom-status'))).toBe(''), RECONNECT_MS);
    await eventually(async () => expect(await topLevelIds(page)).toEqual(thread.ids));
    // The count too: a reader back within a second of leaving gets the count read afresh.
    await eventually(async () => expect(await text(page.locator('h2.kolom-heading'))).toBe(`${thread.total} Comments`));
    expect(await page.locator('li.kolom-comment').count()).toBe(thread.ids.length);
    expect(await page.getByText('cheap', { exact: false }).count()).toBe(0);
    expect(connection.opened()).toBeGreaterThan(1);
    expect(reader.errors.filter((error) => !/WebSocket/i.test(error))).toEqual([]);
  });

  it('a reader whose network goes away and comes back is live again at once, with what was posted meanwhile, without waiting out the retry delay', async () => {
    const article = publish();
    const reader = await readers.add();
    const page = await openArticle(article.url, reader);
    const before = await post(article.canonical, { name: 'Putu', body: 'Posted while the page listened.' });
    await page.locator(`li.kolom-comment[data-id="${before.comment.id}"]`).waitFor({ timeout: WAIT_MS });
    let failed = 0;
    page.on('websocket', (socket) => socket.on('socketerror', () => (failed += 1)));

    await reader.context.setOffline(true);
    await eventually(async () => expect(await text(page.locator('span.kolom-status'))).toBe(MESSAGES.offline));
    const missed = await post(article.canonical, { name: 'Rina', body: 'Posted while the reader was offline.' });
    // After three failed attempts socket.io-client's next one is 4 to 5 s away.
    await eventually(async () => expect(failed).toBeGreaterThanOrEqual(3), 15_000);

    await reader.context.setOffline(false);
    await eventually(async () => expect(await text(page.locator('span.kolom-status'))).toBe(''), BACK_ONLINE_MS);
    await page.locator(`li.kolom-comment[data-id="${missed.comment.id}"]`).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('li.kolom-comment').count()).toBe(2);
  });

  it('by keyboard alone: Tab goes through the comment, name, email, website, the checkbox and Post Comment in order; Enter on Reply opens the reply form with the cursor in it; an empty post puts the focus on the comment', async () => {
    const article = publish();
    const parent = await post(article.canonical, { name: 'Tono', body: 'Which routes come back first?' });
    const page = await openArticle(article.url);

    const order: string[] = [];
    for (let press = 0; press < 12 && order.at(-1) !== 'button.kolom-submit'; press += 1) {
      await page.keyboard.press('Tab');
      order.push(await deepFocus(page));
    }
    expect(order).toEqual([
      // The thread's order and the editor's picks filter, then the comment's like and report (issue 19).
      'select.kolom-sort-select',
      'button.kolom-picks-filter',
      'button.kolom-like',
      'button.kolom-reply',
      'button.kolom-report-toggle',
      'textarea#kolom-body',
      'input#kolom-name',
      'input#kolom-email',
      'input#kolom-website',
      'input#kolom-remember',
      'button.kolom-submit',
    ]);

    // Back to the comment's Reply button, and Enter.
    for (let press = 0; press < 7; press += 1) await page.keyboard.press('Shift+Tab');
    expect(await deepFocus(page)).toBe('button.kolom-reply');
    await page.keyboard.press('Enter');
    expect(await text(page.locator('h3.kolom-form-title'))).toBe('Reply to Tono');
    expect(await page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] form.kolom-form`).count()).toBe(1);
    await eventually(async () => expect(await deepFocus(page)).toBe('textarea#kolom-body'));
    await shoot(page, 'reply by keyboard');

    // To Post Comment, and Enter with everything empty.
    for (let press = 0; press < 5; press += 1) await page.keyboard.press('Tab');
    expect(await deepFocus(page)).toBe('button.kolom-submit');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await text(page.locator('#kolom-body-error'))).toBe(MESSAGES.emptyComment));
    expect(await deepFocus(page)).toBe('textarea#kolom-body');
    expect(await page.locator('li.kolom-comment').count()).toBe(1);
  });

  /** A page whose confirm dialogs the reader accepts (the harness dismisses every dialog of the pages it opens). */
  async function openAccepting(reader: Reader, url: string): Promise<Page> {
    const page = await reader.context.newPage();
    reader.pages.push(page);
    page.on('dialog', (dialog) => {
      reader.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.accept().catch(() => undefined);
    });
    page.on('pageerror', (error) => reader.errors.push(`page error: ${error.message}`));
    await page.goto(url);
    await rendered(page);
    return page;
  }

  /**
   * The reader's live connections pass through the test, which can drop them and refuse new ones
   * (the network is gone), then let them through again. A refused one is closed before its
   * handshake, which socket.io-client does not count as a failure: like an attempt lost on a
   * dead network, it lasts until the widget's connect timeout.
   */
  async function cuttable(reader: Reader) {
    const open: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    let offline = false;
    let opened = 0;
    let refused = 0;
    await reader.context.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) {
        refused += 1;
        void ws.close().catch(() => undefined);
        return;
      }
      opened += 1;
      open.push({ page: ws, server: ws.connectToServer() });
    });
    return {
      opened: () => opened,
      refused: () => refused,
      async cut() {
        offline = true;
        for (const { page, server } of open.splice(0)) {
          await server.close().catch(() => undefined);
          await page.close().catch(() => undefined);
        }
      },
      restore() {
        offline = false;
      },
    };
  }
});

async function topLevelIds(page: Page): Promise<number[]> {
  return page.locator('ol.kolom-comments > li.kolom-comment').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
}

/** Whether any of the element shows in the window. */
async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox({ timeout: WAIT_MS });
  const size = page.viewportSize()!;
  return !!box && box.y + box.height > 0 && box.y < size.height && box.height > 0;
}

/** The focused element, through the widget's shadow root: its tag, id and first class (e.g. "button.kolom-reply"). */
async function deepFocus(page: Page): Promise<string> {
  return String(
    await page.evaluate(`(() => {
      let element = document.activeElement;
      while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
      if (!element) return '';
      const tag = element.tagName.toLowerCase();
      if (element.id) return tag + '#' + element.id;
      return element.classList.length > 0 ? tag + '.' + element.classList[0] : tag;
    })()`),
  );
}
