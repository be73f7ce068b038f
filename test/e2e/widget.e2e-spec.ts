import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { commentWith, eventually, fillForm, rendered, text, WAIT_MS } from '../support/widget-page.js';
import { signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * The embeddable widget in a real browser (issue 6): a news page on its own loopback origin pastes
 * Kolom's snippet, and readers meet the comment section there. Everything goes through what a reader
 * does (typing, clicking, reloading) and what a moderator does through the API; the page is read
 * through the widget's DOM contract inside its open shadow root (Playwright's CSS pierces it).
 */

jest.setTimeout(60_000);

const MESSAGES = {
  emptyComment: 'Please type your comment text.',
  requiredFields: 'Please fill the required fields.',
  invalidEmail: 'Please enter a valid email address.',
  invalidWebsite: 'Please enter a valid website address (http or https).',
  awaitingModeration: 'Your comment is awaiting moderation.',
  emptyThread: "No comments yet. Why don't you start the discussion?",
  notes: 'Your email address will not be published. Required fields are marked *',
  remember: 'Save my name, email, and website in this browser for the next time I comment.',
};

const XSS = {
  // Text around the markup: a name made only of markup is missing, as WordPress's strip_tags makes it.
  name: 'Mallory <img src=x onerror="window.__xss=1">',
  website: 'javascript:window.__xss=1',
  body: '<script>window.__xss=1</script>',
  bodyImage: '<img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=1">click me</a>',
};

describe('the embedded comment widget in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  /** Holds every comment for a moderator (premoderation: all). */
  let heldSite: Site;
  /** Comments posted, and threads read, through the public API rather than a page. */
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'widget', 'the embedded comment widget in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    const sites = kolom.app.get(SitesService);
    site = await sites.create({ slug: 'harian-kota', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    heldSite = await sites.create({
      slug: 'harian-kota-held',
      origins: [host.origin],
      settings: { floodSeconds: 0, minSubmitSeconds: 0, premoderation: 'all' },
    });
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

  it('a comment posted on one page appears on another reader’s page of the same article without a reload', async () => {
    const article = publish();
    const [first, second] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    await second.evaluate('window.__sameDocument = true');
    expect(await second.locator('ol.kolom-comments').getAttribute('aria-live')).toBe('polite');

    const body = 'The 2 a.m. bus would get me home from the bakery. Finally!';
    await fillForm(first, { body, name: 'Ayu Lestari', email: 'ayu@example.org', website: 'https://ayu.example.org' });
    await first.click('button.kolom-submit');

    for (const page of [first, second]) {
      const comment = commentWith(page, body);
      await comment.waitFor({ timeout: WAIT_MS });
      await eventually(async () => expect(await text(page.locator('h2.kolom-heading'))).toBe('1 Comment'));
      expect(await text(comment.locator('.kolom-author'))).toBe('Ayu Lestari');
      const author = comment.locator('a.kolom-author');
      expect(await author.getAttribute('href')).toMatch(/^https:\/\/ayu\.example\.org\/?$/);
      expect(await author.getAttribute('rel')).toBe('nofollow ugc noopener');
      const time = comment.locator('time');
      expect(Number.isNaN(Date.parse((await time.getAttribute('datetime')) ?? ''))).toBe(false);
      expect(await time.getAttribute('title')).toBeTruthy();
      expect(await first.locator('p.kolom-empty').count()).toBe(0);
    }
    expect(await second.evaluate('window.__sameDocument')).toBe(true);
    // The other reader is looking at the thread: no "new comments" bar needed.
    await eventually(async () => expect(await second.locator('button.kolom-new-bar').isVisible()).toBe(false));
    expect(await first.inputValue('#kolom-body')).toBe('');
    // Both readers are on the article now.
    for (const page of [first, second]) {
      await eventually(async () => expect(await text(page.locator('span.kolom-viewers'))).toBe('2 reading now'));
    }
  });

  it('the author of a new comment gets Edit and Delete on it at once and after a reload; other readers get neither', async () => {
    const article = publish();
    const [author, other] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    const body = 'Which depot will the night drivers start from?';
    await fillForm(author, { body, name: 'Indra', email: 'indra@example.org' });
    await author.click('button.kolom-submit');
    await Promise.all([commentWith(author, body).waitFor({ timeout: WAIT_MS }), commentWith(other, body).waitFor({ timeout: WAIT_MS })]);

    const ownActions = (page: Page) => commentWith(page, body).locator('.kolom-actions').locator('button.kolom-edit, button.kolom-delete');
    expect(await ownActions(author).count()).toBe(2);
    expect(await ownActions(other).count()).toBe(0);
    await author.reload();
    await rendered(author);
    expect(await ownActions(author).count()).toBe(2);
  });

  it('posting an empty form shows "Please type your comment text." and "Please fill the required fields." beside the fields, marked aria-invalid', async () => {
    const page = await openArticle(publish().url);
    await page.click('button.kolom-submit');

    await expectFieldError(page, 'body', MESSAGES.emptyComment);
    await expectFieldError(page, 'name', MESSAGES.requiredFields);
    await expectFieldError(page, 'email', MESSAGES.requiredFields);
    await expectNoFieldError(page, 'website');
    expect(await page.locator('li.kolom-comment').count()).toBe(0);
    await shoot(page, 'empty form');

    // Whitespace is no comment; a malformed email gets its own message.
    await fillForm(page, { body: '   ', name: 'Budi', email: 'budi@' });
    await page.click('button.kolom-submit');
    await expectFieldError(page, 'body', MESSAGES.emptyComment);
    await expectFieldError(page, 'email', MESSAGES.invalidEmail);
    await expectNoFieldError(page, 'name');

    await fillForm(page, { body: 'Will the 30-minute frequency hold on weekends?', email: 'budi@example.org' });
    await page.click('button.kolom-submit');
    await commentWith(page, 'Will the 30-minute frequency hold on weekends?').waitFor({ timeout: WAIT_MS });
    for (const field of ['body', 'name', 'email', 'website']) await expectNoFieldError(page, field);
  });

  it('a reply nests under the comment it answers, for its author and live for another reader', async () => {
    const article = publish();
    const parent = await http.post(site, { url: article.canonical, name: 'Budi Santoso', body: 'Route 7 skips the hospital stop at night.' });
    const [author, other] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    const parentItem = (page: Page) => page.locator(`li.kolom-comment[data-id="${parent.comment.id}"]`);

    await parentItem(author).locator('button.kolom-reply').first().click();
    expect(await text(author.locator('h3.kolom-form-title'))).toBe('Reply to Budi Santoso');
    expect(await author.locator('a.kolom-cancel-reply').isVisible()).toBe(true);
    expect(await parentItem(author).locator('form.kolom-form').count()).toBe(1);

    await author.click('a.kolom-cancel-reply');
    expect(await text(author.locator('h3.kolom-form-title'))).toBe('Leave a Reply');
    expect(await author.locator('a.kolom-cancel-reply').isVisible()).toBe(false);
    expect(await parentItem(author).locator('form.kolom-form').count()).toBe(0);

    await parentItem(author).locator('button.kolom-reply').first().click();
    const reply = 'It stops there from the 15th, the timetable says.';
    await fillForm(author, { body: reply, name: 'Citra', email: 'citra@example.org' });
    await author.click('button.kolom-submit');

    for (const page of [author, other]) {
      const nested = page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] > ol.kolom-children > li.kolom-comment`);
      await nested.filter({ hasText: reply }).waitFor({ timeout: WAIT_MS });
      expect(await page.locator('ol.kolom-comments > li.kolom-comment').count()).toBe(1);
    }
    const replyId = Number(await commentWith(author, reply).getAttribute('data-id'));
    const thread = await http.open(site, article.canonical);
    expect(thread.body.comments[0].replies.map((r) => [r.id, r.parentId])).toEqual([[replyId, parent.comment.id]]);
  });

  it('markup in the name and body and a javascript: website render as text and run nothing', async () => {
    const article = publish();
    const [author, other] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    const body = `${XSS.body}\n\n${XSS.bodyImage}`;

    // The server refuses a javascript: website, and says so beside the field.
    await fillForm(author, { body, name: XSS.name, email: 'mallory@example.org', website: XSS.website });
    await author.click('button.kolom-submit');
    await expectFieldError(author, 'website', MESSAGES.invalidWebsite);
    await shoot(author, 'javascript website refused');

    await fillForm(author, { website: '' });
    await author.click('button.kolom-submit');
    for (const page of [author, other]) {
      const comment = commentWith(page, XSS.body);
      await comment.waitFor({ timeout: WAIT_MS });
      expect(await text(comment.locator('.kolom-author'))).toBe(XSS.name);
      expect(await text(comment.locator('.kolom-body'))).toContain(XSS.body);
      expect(await text(comment.locator('.kolom-body'))).toContain(XSS.bodyImage);
      expect(await comment.locator('img, script, iframe, [onerror]').count()).toBe(0);
      expect(await comment.locator('a[href^="javascript:" i]').count()).toBe(0);
    }

    // An older or imported comment may carry such a website already: it is never a link.
    const id = Number(await commentWith(author, XSS.body).getAttribute('data-id'));
    await kolom.dataSource.query('UPDATE comments SET author_website = $1 WHERE id = $2', [XSS.website, id]);
    await other.reload();
    await rendered(other);
    const stored = other.locator(`li.kolom-comment[data-id="${id}"]`);
    expect(await text(stored.locator('.kolom-author'))).toBe(XSS.name);
    expect(await stored.locator('.kolom-author').evaluate((element) => element.tagName)).toBe('SPAN');
    await stored.locator('.kolom-author').click();

    for (const page of [author, other]) expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  });

  it('a comment a moderator marks as spam vanishes from both open pages, and the count follows', async () => {
    const article = publish();
    const kept = await http.post(site, { url: article.canonical, name: 'Dewi', body: 'Good news for shift workers.' });
    const spam = await http.post(site, { url: article.canonical, name: 'Cheap Tickets', body: 'Discount bus passes, message me.' });
    const [moderator, ...pages] = await Promise.all([signInModerator(kolom, 'moderator', [site]), openArticle(article.url), openArticle(article.url)]);
    for (const page of pages) {
      expect(await page.locator(`li.kolom-comment[data-id="${spam.comment.id}"]`).count()).toBe(1);
      expect(await text(page.locator('h2.kolom-heading'))).toBe('2 Comments');
    }

    const answer = await moderator.act(spam.comment.id, 'spam');
    expect(answer.status).toBe(200);

    for (const page of pages) {
      await page.locator(`li.kolom-comment[data-id="${spam.comment.id}"]`).waitFor({ state: 'detached', timeout: WAIT_MS });
      expect(await page.getByText('Discount bus passes').count()).toBe(0);
      expect(await page.locator(`li.kolom-comment[data-id="${kept.comment.id}"]`).count()).toBe(1);
      await eventually(async () => expect(await text(page.locator('h2.kolom-heading'))).toBe('1 Comment'));
    }
  });

  it('ticking "Save my name, email, and website" refills the form after a reload; without the tick nothing is kept', async () => {
    const article = publish();
    const details = { name: 'Eko Prasetyo', email: 'eko@example.org', website: 'https://eko.example.org' };

    const remembering = await readers.add();
    const page = await openArticle(article.url, remembering);
    expect(await text(page.locator('label[for="kolom-remember"]'))).toBe(MESSAGES.remember);
    expect(await page.isChecked('#kolom-remember')).toBe(false);
    await fillForm(page, { body: 'Please keep route 3 on the list.', ...details });
    await page.check('#kolom-remember');
    await page.click('button.kolom-submit');
    await commentWith(page, 'Please keep route 3 on the list.').waitFor({ timeout: WAIT_MS });
    await page.reload();
    await rendered(page);
    expect(await formValues(page)).toEqual({ body: '', ...details });
    expect(await page.isChecked('#kolom-remember')).toBe(true);

    const forgetting = await readers.add();
    const other = await openArticle(article.url, forgetting);
    await fillForm(other, { body: 'And route 9, please.', name: 'Fitri', email: 'fitri@example.org', website: 'https://fitri.example.org' });
    await other.click('button.kolom-submit');
    await commentWith(other, 'And route 9, please.').waitFor({ timeout: WAIT_MS });
    await other.reload();
    await rendered(other);
    expect(await formValues(other)).toEqual({ body: '', name: '', email: '', website: '' });
    expect(await other.isChecked('#kolom-remember')).toBe(false);
    const stored = String(await other.evaluate('JSON.stringify({ ...localStorage })'));
    expect(stored).not.toContain('fitri@example.org');
    expect(stored).not.toContain('Fitri');
  });

  it('the Indonesian catalogue renders with data-lang="id" and with <html lang="id">', async () => {
    const byAttribute = publish({ dataLang: 'id' });
    const byPage = publish({ lang: 'id' });
    for (const n of [1, 2, 3]) await http.post(site, { url: byPage.canonical, name: `Pembaca ${n}`, body: `Komentar nomor ${n} tentang bus malam.` });
    const [attributePage, langPage] = await Promise.all([openArticle(byAttribute.url), openArticle(byPage.url)]);

    for (const page of [attributePage, langPage]) {
      expect(await page.locator('section.kolom').getAttribute('lang')).toBe('id');
      expect(await text(page.locator('h3.kolom-form-title'))).toBe('Tinggalkan Balasan');
      expect(await text(page.locator('button.kolom-submit'))).toBe('Kirim Komentar');
    }
    expect(await text(attributePage.locator('p.kolom-empty'))).toBe('Belum ada komentar. Mengapa tidak memulai diskusi?');
    expect(await text(langPage.locator('h2.kolom-heading'))).toBe('3 Komentar');
  });

  it('an empty thread on a light page invites the first comment above the classic form, in the light theme', async () => {
    const page = await openArticle(publish().url);
    expect(await page.locator('section.kolom').getAttribute('data-theme')).toBe('light');
    expect(await text(page.locator('p.kolom-empty'))).toBe(MESSAGES.emptyThread);
    expect(await page.locator('li.kolom-comment').count()).toBe(0);
    expect(await text(page.locator('h3.kolom-form-title'))).toBe('Leave a Reply');
    expect(await page.locator('a.kolom-cancel-reply').isVisible()).toBe(false);
    expect(await text(page.locator('p.kolom-notes'))).toBe(MESSAGES.notes);
    expect(await text(page.locator('button.kolom-submit'))).toBe('Post Comment');
    expect(await page.locator('button.kolom-submit').getAttribute('type')).toBe('submit');
    expect(await page.locator('button.kolom-more').isVisible()).toBe(false);
    for (const field of ['body', 'name', 'email', 'website', 'remember']) {
      expect(await page.locator(`label[for="kolom-${field}"]`).count()).toBe(1);
    }
  });

  it('a held comment shows "Your comment is awaiting moderation." to its author, after a reload too, and to no other reader', async () => {
    const article = publish({ site: heldSite.slug });
    const [author, other] = await Promise.all([openArticle(article.url), openArticle(article.url)]);
    const body = 'Is the night fare the same as the day fare?';
    await fillForm(author, { body, name: 'Gita', email: 'gita@example.org' });
    await author.click('button.kolom-submit');

    const held = commentWith(author, body);
    await held.waitFor({ timeout: WAIT_MS });
    const shownAt = Date.now();
    expect(await text(held.locator('.kolom-held'))).toBe(MESSAGES.awaitingModeration);
    await author.reload();
    await rendered(author);
    await commentWith(author, body).waitFor({ timeout: WAIT_MS });
    expect(await text(commentWith(author, body).locator('.kolom-held'))).toBe(MESSAGES.awaitingModeration);

    // Long enough for a live push to have arrived (180–250 ms here) had one been sent.
    await other.waitForTimeout(Math.max(0, shownAt + 1_000 - Date.now()));
    expect(await other.locator('li.kolom-comment').count()).toBe(0);
    expect(await other.getByText(body).count()).toBe(0);
    await other.reload();
    await rendered(other);
    expect(await other.locator('li.kolom-comment').count()).toBe(0);
    expect(await text(other.locator('p.kolom-empty'))).toBe(MESSAGES.emptyThread);
  });

  it('the page requests nothing from any origin but its own and Kolom’s, and no cookie is set', async () => {
    const reader = await readers.add();
    const page = await openArticle(publish().url, reader);
    await fillForm(page, { body: 'Counting requests on the night bus.', name: 'Hadi', email: 'hadi@example.org', website: 'https://hadi.example.org' });
    await page.click('button.kolom-submit');
    await commentWith(page, 'Counting requests on the night bus.').waitFor({ timeout: WAIT_MS });
    await page.waitForTimeout(500);

    const allowed = new Set([new URL(host.origin).host, new URL(kolom.baseUrl).host]);
    const elsewhere = reader.requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && !allowed.has(new URL(url).host));
    expect(elsewhere).toEqual([]);
    expect(reader.requests.some((url) => url.startsWith(`${kolom.baseUrl}/embed.js`))).toBe(true);
    expect(await reader.context.cookies()).toEqual([]);
    expect(await page.evaluate('document.cookie')).toBe('');
    // What the widget keeps (the edit token of the comment just posted) is in localStorage.
    expect(Number(await page.evaluate('localStorage.length'))).toBeGreaterThan(0);
    expect(reader.errors).toEqual([]);
  });

  it('a dark news page gets the dark theme', async () => {
    const page = await openArticle(publish({ dark: true }).url);
    expect(await page.locator('section.kolom').getAttribute('data-theme')).toBe('dark');
  });

  it('data-url names the article and data-sort="newest" puts the latest comment first', async () => {
    const article = publish();
    const older = await http.post(site, { url: article.canonical, body: 'Posted first.' });
    const newer = await http.post(site, { url: article.canonical, body: 'Posted second.' });
    const elsewhere = publish({ canonical: null, dataUrl: article.canonical, dataSort: 'newest' });
    const page = await openArticle(elsewhere.url);
    const ids = await page.locator('ol.kolom-comments > li.kolom-comment').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
    expect(ids).toEqual([newer.comment.id, older.comment.id]);
  });

  it('measures the first render of a 100-comment thread with the Performance API, and reports it', async () => {
    const article = publish();
    const articleId = await seedThread(article.canonical, 50);
    // A thread as readers find it: written over the past days, not in the last minute.
    await kolom.dataSource.query(`UPDATE comments SET created_at = created_at - interval '2 days' WHERE article_id = $1`, [articleId]);
    // Warm the server (JIT, the thread query) so the figure is the widget's, as on a live site.
    expect((await kolom.request<string>('GET', '/embed.js')).status).toBe(200);
    expect((await http.open(site, article.canonical)).status).toBe(200);

    const runs: Array<{ fromScriptStart: number; fromNavigationStart: number; scriptStart: number }> = [];
    for (let run = 0; run < 3; run += 1) {
      // A fresh context each time: a first visit, nothing cached.
      const page = await openArticle(article.url);
      expect(await text(page.locator('h2.kolom-heading'))).toBe('100 Comments');
      expect(await page.locator('li.kolom-comment').count()).toBe(100);
      expect(await text(page.locator('li.kolom-comment time').first())).toBe('2 days ago');
      runs.push(
        (await page.evaluate(`(() => {
          const measure = performance.getEntriesByName('kolom:first-render')[0];
          const start = performance.getEntriesByName('kolom:start')[0];
          return { fromScriptStart: measure.duration, fromNavigationStart: measure.startTime + measure.duration, scriptStart: start.startTime };
        })()`)) as (typeof runs)[number],
      );
      if (run < 2) await page.context().close();
    }
    const median = [...runs].sort((a, b) => a.fromScriptStart - b.fromScriptStart)[1];
    console.log(
      `first render of a 100-comment thread: ${runs.map((r) => `${r.fromScriptStart.toFixed(1)} ms from kolom:start (${r.fromNavigationStart.toFixed(1)} ms from navigation start, script started at ${r.scriptStart.toFixed(1)} ms)`).join('; ')}; median ${median.fromScriptStart.toFixed(1)} ms`,
    );
    // Reported, not judged here: a timed test fails whenever CI is busy. `npm run bench:widget`
    // checks the 300 ms budget on a quiet machine.
    for (const run of runs) {
      expect(run.fromScriptStart).toBeGreaterThan(0);
      expect(run.scriptStart + run.fromScriptStart).toBeCloseTo(run.fromNavigationStart, 0);
    }
  });

  /** Fifty readers' comments, each with one reply: 100 comments, all on the first page. Returns the article's id. */
  async function seedThread(url: string, topLevel: number): Promise<number> {
    const parents: number[] = [];
    let articleId = 0;
    for (let n = 0; n < topLevel; n += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, topLevel - n) }, (_, i) =>
          http.post(site, {
            url,
            name: `Reader ${n + i + 1}`,
            email: `reader${n + i + 1}@example.org`,
            body: `Comment ${n + i + 1}: the night buses matter to my family.\n\nWe work late shifts at the market, and the last train leaves at eleven.`,
          }),
        ),
      );
      for (const answer of batch) {
        expect(answer.status).toBe('approved');
        parents.push(answer.comment.id);
        articleId = answer.comment.articleId;
      }
    }
    for (let n = 0; n < parents.length; n += 10) {
      const batch = await Promise.all(
        parents
          .slice(n, n + 10)
          .map((parentId, i) =>
            http.post(site, { url, parentId, name: `Replier ${n + i + 1}`, email: `replier${n + i + 1}@example.org`, body: `Reply ${n + i + 1}: same here.` }),
          ),
      );
      for (const answer of batch) expect(answer.status).toBe('approved');
    }
    return articleId;
  }
});

async function formValues(page: Page): Promise<Record<string, string>> {
  return {
    body: await page.inputValue('#kolom-body'),
    name: await page.inputValue('#kolom-name'),
    email: await page.inputValue('#kolom-email'),
    website: await page.inputValue('#kolom-website'),
  };
}

/** The field's message is shown right beside it, tied to it for screen readers, and the field is marked invalid. */
async function expectFieldError(page: Page, field: string, message: string): Promise<void> {
  const input = page.locator(`#kolom-${field}`);
  const error = page.locator(`#kolom-${field}-error`);
  await eventually(async () => {
    expect(await error.isVisible()).toBe(true);
    expect(await text(error)).toBe(message);
  });
  expect(await error.getAttribute('class')).toContain('kolom-error');
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect((await input.getAttribute('aria-describedby'))?.split(/\s+/)).toContain(`kolom-${field}-error`);
  const [fieldBox, errorBox] = [await input.boundingBox(), await error.boundingBox()];
  expect(fieldBox && errorBox).toBeTruthy();
  const gap = Math.max(errorBox!.y - (fieldBox!.y + fieldBox!.height), fieldBox!.y - (errorBox!.y + errorBox!.height), 0);
  expect(gap).toBeLessThanOrEqual(48);
}

async function expectNoFieldError(page: Page, field: string): Promise<void> {
  await eventually(async () => {
    expect(await page.locator(`#kolom-${field}`).getAttribute('aria-invalid')).not.toBe('true');
    const error = page.locator(`#kolom-${field}-error`);
    if ((await error.count()) > 0 && (await error.isVisible())) expect(await text(error)).toBe('');
  });
}
