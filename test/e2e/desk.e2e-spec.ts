import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { deskItem, listedIds, openDesk, signInThroughForm, tabCount } from '../support/desk-page.js';
import type { CommentAction } from '../../src/moderation/queue/dto/moderation-action.dto.js';
import type { Refusal } from '../support/http.js';
import { bearer, type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, eventually, fillForm, rendered, text, WAIT_MS } from '../support/widget-page.js';

/**
 * The moderation desk at /moderate in a real browser (issue 7): moderators sign in, work the
 * queues live beside readers reading the article through the embedded widget on a news site of
 * its own origin. Comments are posted the way readers post them (the widget's form, or the public
 * API), and every check reads what a person would see.
 */

jest.setTimeout(60_000);

const MESSAGES = {
  wrongCredentials: 'Wrong email or password.',
  awaiting: 'Your comment is awaiting moderation.',
};

describe('the moderation desk in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  /** Holds every comment for a moderator. */
  let site: Site;
  let otherSite: Site;
  let admin: Moderator & SignedInModerator;
  /** Comments sent as a reader's browser sends them, through the public API. */
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'desk', 'the moderation desk in Chromium');
  let storyCounter = 0;

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    const sites = kolom.app.get(SitesService);
    const settings = { floodSeconds: 0, minSubmitSeconds: 0, premoderation: 'all' as const };
    site = await sites.create({ slug: 'harian-kota', name: 'Harian Kota', origins: [host.origin], settings });
    otherSite = await sites.create({ slug: 'warta-desa', name: 'Warta Desa', origins: [host.origin], settings });
    admin = await signInModerator(kolom, 'admin');
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  const publish = (page: Partial<ArticlePage> = {}) => host.publish({ site: site.slug, path: `/desk/story-${++storyCounter}`, ...page });
  const act = async (ids: number[], action: CommentAction) => {
    const answer = await admin.bulk(ids, action);
    expect(answer.status).toBe(200);
  };
  /** The counts as the API has them: what the tabs must come to show. */
  const counts = async () => (await admin.counts()).body;
  const openArticle = async (url: string): Promise<Page> => {
    const page = await (await readers.add()).open(url);
    await rendered(page);
    return page;
  };
  const desk = async (account: { email: string; password: string } = admin, route = '', reader?: Reader): Promise<Page> =>
    openDesk(reader ?? (await readers.add()), kolom.baseUrl, account, route);
  const errorsOf = (reader: Reader) => reader.errors.filter((error) => !error.includes('401'));

  it('signs in, shows the queues with their counts, and is served under a strict Content-Security-Policy', async () => {
    const article = publish();
    await http.post(site, { url: article.url, body: 'Is the 11 bus really coming back?' });
    const reader = await readers.add();
    const response = await reader.context.request.get(`${kolom.baseUrl}/moderate`);
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script>|<style>|\son\w+=/);
    // Its assets are named by their content and cached for good; an unknown name is a clear 404.
    const script = /src="(\/moderate\/assets\/desk\.[\w-]+\.js)"/.exec(html)![1];
    const asset = await reader.context.request.get(kolom.baseUrl + script);
    expect(asset.status()).toBe(200);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await kolom.request<Refusal>('GET', '/moderate/assets/desk.old.js');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('There is no such desk file: reload /moderate.');

    const page = await desk(admin, '', reader);
    expect(await text(page.locator('.desk-who'))).toContain(admin.email.split('@')[0]);
    await eventually(async () => expect(await tabCount(page, 'pending')).toBeGreaterThanOrEqual(1));
    await deskItem(page, 'Is the 11 bus really coming back?').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('a.desk-tab[data-queue="pending"]').getAttribute('aria-current')).toBe('page');
    await eventually(async () => expect(await text(page.locator('.desk-connection'))).toBe('Live'));
    // The token is in this tab's sessionStorage, never in a cookie.
    expect(await reader.context.cookies()).toEqual([]);
    expect(await page.evaluate('Object.keys(sessionStorage)')).toContain('kolom-desk-session');
    expect(errorsOf(reader)).toEqual([]);
  });

  it('a wrong password and an unknown email get the same one message, and nothing is stored', async () => {
    const reader = await readers.add();
    const page = await reader.open(`${kolom.baseUrl}/moderate`);
    await signInThroughForm(page, { email: admin.email, password: 'not the password at all' });
    const error = page.locator('form.desk-sign-in-form .desk-form-error');
    await eventually(async () => expect(await text(error)).toBe(MESSAGES.wrongCredentials));
    await signInThroughForm(page, { email: 'nobody@newsroom.example', password: 'not the password at all' });
    await eventually(async () => expect(await text(error)).toBe(MESSAGES.wrongCredentials));
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await page.locator('.desk-who').count()).toBe(0);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('a comment posted through the widget and held appears in Pending live; approving it shows it on an open article page', async () => {
    const article = publish();
    const moderator = await desk();
    const before = (await counts()).pending;
    await eventually(async () => expect(await tabCount(moderator, 'pending')).toBe(before));
    const [author, otherReader] = await Promise.all([openArticle(article.url), openArticle(article.url)]);

    const body = 'The night bus should stop at the hospital too.';
    await fillForm(author, { body, name: 'Sari Wulandari', email: 'sari@example.org', website: 'https://sari.example.org' });
    await author.click('button.kolom-submit');
    await eventually(async () => expect(await text(commentWith(author, body).locator('.kolom-held'))).toBe(MESSAGES.awaiting));

    // Without a reload: at the top of Pending, with its author's private details for the moderator.
    const item = deskItem(moderator, body);
    await item.waitFor({ timeout: WAIT_MS });
    const id = Number(await item.getAttribute('data-id'));
    expect((await listedIds(moderator))[0]).toBe(id);
    expect(await text(item.locator('.desk-author-name'))).toBe('Sari Wulandari');
    expect(await text(item.locator('.desk-email'))).toBe('sari@example.org');
    expect(await item.locator('.desk-website').getAttribute('href')).toMatch(/^https:\/\/sari\.example\.org\/?$/);
    // The IP is masked until asked for.
    const ip = item.locator('.desk-ip-value');
    expect(await text(ip)).toContain('•');
    await item.locator('button.desk-reveal-ip').click();
    expect(await text(ip)).toBe('127.0.0.1');
    expect(await text(item.locator('.desk-verdict'))).toContain('Spam checks');
    expect(await item.locator('a.desk-article').getAttribute('href')).toBe(article.canonical);
    await eventually(async () => expect(await tabCount(moderator, 'pending')).toBe(before + 1));
    expect(await commentWith(otherReader, body).count()).toBe(0);
    await shoot(moderator, 'held item');

    await item.locator('button[data-action="approve"]').click();
    await eventually(async () => expect(await deskItem(moderator, body).count()).toBe(0));
    await eventually(async () => expect(await text(moderator.locator('.desk-toast'))).toContain('Comment approved.'));
    // The reader who only reads sees it arrive; the author's "awaiting" note goes.
    await commentWith(otherReader, body).waitFor({ timeout: WAIT_MS });
    await eventually(async () => expect(await commentWith(author, body).locator('.kolom-held').count()).toBe(0));
    await eventually(async () => expect(await tabCount(moderator, 'pending')).toBe(before));
  });

  it('marking an approved comment as spam from the article view makes it vanish from the readers’ page', async () => {
    const article = publish();
    const { comment } = await http.post(site, { url: article.url, body: 'Cheap bus passes at totally-legit.example' });
    const { comment: kept } = await http.post(site, { url: article.url, body: 'Thanks for the reporting.' });
    await act([comment.id, kept.id], 'approve');
    const reader = await openArticle(article.url);
    await commentWith(reader, 'Cheap bus passes').waitFor({ timeout: WAIT_MS });

    const moderator = await desk(admin, `#/articles/${comment.articleId}`);
    const item = deskItem(moderator, 'Cheap bus passes');
    await item.waitFor({ timeout: WAIT_MS });
    expect(await item.getAttribute('data-status')).toBe('approved');
    await item.locator('button[data-action="spam"]').click();
    await eventually(async () => expect(await deskItem(moderator, 'Cheap bus passes').count()).toBe(0));
    await eventually(async () => expect(await commentWith(reader, 'Cheap bus passes').count()).toBe(0));
    expect(await commentWith(reader, 'Thanks for the reporting.').count()).toBe(1);

    // Undo puts it back for readers too.
    await moderator.locator('.desk-toast button.desk-undo').click();
    await commentWith(reader, 'Cheap bus passes').waitFor({ timeout: WAIT_MS });
  });

  it('the article view shows held comments in place and closes and reopens the article', async () => {
    const article = publish();
    const { comment: parent } = await http.post(site, { url: article.url, body: 'The timetable is on the website.' });
    await act([parent.id], 'approve');
    await http.post(site, { url: article.url, body: 'Which website? I cannot find it.', parentId: parent.id });

    const moderator = await desk(admin, `#/articles/${parent.articleId}`);
    const held = deskItem(moderator, 'Which website?');
    await held.waitFor({ timeout: WAIT_MS });
    expect(await held.getAttribute('data-status')).toBe('pending');
    expect(await text(held.locator('.desk-held-label'))).toContain('Held');
    // In place: under the comment it answers.
    expect(await deskItem(moderator, 'The timetable').locator('ol li.desk-thread-comment').count()).toBe(1);

    await moderator.locator('button.desk-toggle-open').click();
    await eventually(async () => expect(await text(moderator.locator('.desk-article-state'))).toBe('Closed for comments'));
    const later = await openArticle(article.url);
    expect(await text(later.locator('p.kolom-closed'))).toBe('Comments are closed.');
    await moderator.locator('button.desk-toggle-open').click();
    await eventually(async () => expect(await text(moderator.locator('.desk-article-state'))).toBe('Open for comments'));

    await moderator.selectOption('#desk-premoderation', 'off');
    await eventually(async () => {
      const answer = await admin.article(parent.articleId);
      expect(answer.body.premoderation).toBe('off');
    });
  });

  it('bulk: selecting several comments and trashing them moves them to Trash at once; Undo brings them back', async () => {
    const article = publish();
    const bodies = ['Bulk one: buy followers', 'Bulk two: buy followers', 'Bulk three: buy followers'];
    const ids: number[] = [];
    for (const body of bodies) ids.push((await http.post(site, { url: article.url, body })).comment.id);
    const moderator = await desk(admin, `#/queue/pending?q=${encodeURIComponent('buy followers')}`);
    for (const body of bodies) await deskItem(moderator, body).waitFor({ timeout: WAIT_MS });
    const trashBefore = (await counts()).trash;

    await moderator.check('#desk-select-all');
    expect(await text(moderator.locator('.desk-selected-count'))).toBe('3 selected');
    await moderator.locator('.desk-bulk button[data-action="trash"]').click();
    await eventually(async () => expect(await listedIds(moderator)).toEqual([]));
    await eventually(async () => expect(await text(moderator.locator('.desk-toast'))).toContain('3 comments moved to the trash.'));
    await eventually(async () => expect(await tabCount(moderator, 'trash')).toBe(trashBefore + 3));
    const trashed = await admin.queue({ status: 'trash', q: 'buy followers' });
    expect(trashed.body.items.map((i: { id: number }) => i.id).sort()).toEqual([...ids].sort());

    await moderator.locator('.desk-toast button.desk-undo').click();
    await eventually(async () => expect((await listedIds(moderator)).sort()).toEqual([...ids].sort()));
    await eventually(async () => expect(await tabCount(moderator, 'trash')).toBe(trashBefore));
  });

  it('keyboard only: j/k move, x selects, a approves, s marks spam, z undoes', async () => {
    const article = publish();
    const bodies = ['Keys: first', 'Keys: second', 'Keys: third'];
    for (const body of bodies) await http.post(site, { url: article.url, body });
    const moderator = await desk(admin, `#/queue/pending?q=${encodeURIComponent('Keys:')}&sort=oldest`);
    for (const body of bodies) await deskItem(moderator, body).waitFor({ timeout: WAIT_MS });

    await moderator.keyboard.press('j');
    await eventually(async () => expect(await text(moderator.locator('li.desk-item.desk-current .desk-body'))).toBe('Keys: second'));
    await moderator.keyboard.press('k');
    await eventually(async () => expect(await text(moderator.locator('li.desk-item.desk-current .desk-body'))).toBe('Keys: first'));
    expect(await moderator.evaluate(`document.activeElement?.classList.contains('desk-current')`)).toBe(true);

    await moderator.keyboard.press('a');
    await eventually(async () => expect(await deskItem(moderator, 'Keys: first').count()).toBe(0));
    // The next one becomes current.
    await eventually(async () => expect(await text(moderator.locator('li.desk-item.desk-current .desk-body'))).toBe('Keys: second'));
    await moderator.keyboard.press('x');
    await moderator.keyboard.press('j');
    await moderator.keyboard.press('x');
    expect(await text(moderator.locator('.desk-selected-count'))).toBe('2 selected');
    await moderator.keyboard.press('s');
    await eventually(async () => expect(await listedIds(moderator)).toEqual([]));
    await eventually(async () => expect(await text(moderator.locator('.desk-toast'))).toContain('2 comments marked as spam.'));
    await moderator.keyboard.press('z');
    await eventually(async () => expect(await listedIds(moderator)).toHaveLength(2));
    const spam = await admin.queue({ status: 'spam', q: 'Keys:' });
    expect(spam.body.items).toEqual([]);
  });

  it('a second moderator’s desk updates when the first acts: the item greys out, says who, and leaves', async () => {
    const article = publish();
    const { comment } = await http.post(site, { url: article.url, body: 'Two moderators, one comment.' });
    const colleague = await kolom.signIn('moderator', [site]);
    const [first, second] = [await desk(), await desk(colleague)];
    for (const page of [first, second]) await deskItem(page, 'Two moderators').waitFor({ timeout: WAIT_MS });

    await deskItem(first, 'Two moderators').locator('button[data-action="spam"]').click();
    const seen = deskItem(second, 'Two moderators');
    await eventually(async () => expect(await seen.getAttribute('class')).toContain('desk-gone'));
    expect(await text(seen.locator('.desk-handled'))).toBe(`${admin.email.split('@')[0]}: Spam`);
    expect(await seen.locator('button[data-action="approve"]').isDisabled()).toBe(true);
    await shoot(second, 'greyed out');
    await eventually(async () => expect(await deskItem(second, 'Two moderators').count()).toBe(0), WAIT_MS);
    expect(await listedIds(second)).not.toContain(comment.id);
  });

  it('a moderator of another site sees nothing of this one, not even live', async () => {
    const article = publish();
    await http.post(site, { url: article.url, body: 'Only Harian Kota moderators may read this.' });
    const outsider = await kolom.signIn('moderator', [otherSite]);
    const page = await desk(outsider);
    await eventually(async () => expect(await text(page.locator('.desk-connection'))).toBe('Live'));
    await page.locator('p.desk-empty').waitFor({ timeout: WAIT_MS });
    expect(await listedIds(page)).toEqual([]);
    expect(await tabCount(page, 'pending')).toBe(0);
    // No site picker for one site, and no administration of sites or accounts.
    expect(await page.locator('#desk-site').count()).toBe(0);
    expect(await page.locator('a.desk-tab[data-view="moderators"]').count()).toBe(0);

    await http.post(site, { url: article.url, body: 'Posted while the outsider watches.' });
    const { comment } = await http.post(site, { url: article.url, body: 'And another one.' });
    // The admin's desk hears of it; the outsider's does not.
    const adminDesk = await desk();
    await deskItem(adminDesk, 'And another one.').waitFor({ timeout: WAIT_MS });
    expect(await listedIds(page)).toEqual([]);
    expect(await tabCount(page, 'pending')).toBe(0);

    await page.goto(`${kolom.baseUrl}/moderate#/articles/${comment.articleId}`);
    await eventually(async () => expect(await text(page.locator('.desk-article'))).toContain('There is no such article.'));
    expect(await page.locator('li.desk-thread-comment').count()).toBe(0);
  });

  it('works at 360 px wide, in Bahasa Indonesia, with nothing wider than the screen', async () => {
    const article = publish();
    await http.post(site, {
      url: article.url,
      body: 'Komentar panjang dengan tautan https://contoh.example/jalan/yang/sangat/panjang/sekali/tanpa/spasi/sama/sekali dan teks.',
      name: 'Budi Santoso',
      email: 'budi.santoso.dengan.alamat.panjang@contoh.example',
    });
    const reader = await readers.add({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    const page = await desk(admin, '', reader);
    await page.locator('li.desk-item').first().waitFor({ timeout: WAIT_MS });
    expect(await text(page.locator('a.desk-tab[data-queue="pending"]'))).toContain('Tertunda');
    expect(await text(page.locator('li.desk-item').first().locator('button[data-action="approve"]'))).toBe('Setujui');
    const widest = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    expect(widest).toBeLessThanOrEqual(360);
    await shoot(page, 'queue');
    expect(errorsOf(reader)).toEqual([]);
  });

  it('finds by author email through the search box, narrows to one article, and shows a reply’s parent and readers’ reports', async () => {
    const article = publish();
    const other = publish();
    const { comment: parent } = await http.post(site, { url: article.url, body: 'Will the ferry run on Sundays?', name: 'Rina' });
    await act([parent.id], 'approve');
    await http.post(site, { url: article.url, body: 'Only in summer, I think.', parentId: parent.id, email: 'dewi.search@example.org', name: 'Dewi' });
    await http.post(site, { url: other.url, body: 'A different story entirely.', email: 'dewi.search@example.org', name: 'Dewi' });
    const moderator = await desk();

    await moderator.fill('#desk-search', 'dewi.search@example.org');
    await moderator.press('#desk-search', 'Enter');
    await eventually(async () =>
      expect(await moderator.locator('ol.desk-items .desk-email').allInnerTexts()).toEqual(['dewi.search@example.org', 'dewi.search@example.org']),
    );
    expect(moderator.url()).toContain('email=dewi.search%40example.org');

    const reply = deskItem(moderator, 'Only in summer');
    expect(await text(reply.locator('.desk-parent'))).toContain('In reply to Rina');
    expect(await text(reply.locator('.desk-parent'))).toContain('Will the ferry run on Sundays?');
    await reply.locator('button.desk-only-article').click();
    await eventually(async () => expect(await moderator.locator('ol.desk-items > li.desk-item').count()).toBe(1));
    expect(await deskItem(moderator, 'Only in summer').count()).toBe(1);
    await eventually(async () => expect(await text(moderator.locator('.desk-filter-chip'))).toContain('Article: '));
    await moderator.locator('button.desk-clear-article').click();
    await eventually(async () => expect(await moderator.locator('ol.desk-items > li.desk-item').count()).toBe(2));

    // A reader reports the published parent: it shows in Flagged with the reason and the note.
    const report = await http.flag(parent.id, { reason: 'abuse', text: 'Rude to the ferry crew.' });
    expect(report.status).toBe(201);
    await eventually(async () => expect(await tabCount(moderator, 'flagged')).toBeGreaterThanOrEqual(1));
    await moderator.click('a.desk-tab[data-queue="flagged"]');
    const flagged = deskItem(moderator, 'Will the ferry run on Sundays?');
    await flagged.waitFor({ timeout: WAIT_MS });
    expect(await text(flagged.locator('.desk-flags'))).toContain('1 report: abuse ×1');
    expect(await text(flagged.locator('.desk-flags'))).toContain('Rude to the ferry crew.');
    await shoot(moderator, 'flagged');
  });

  it('signing out ends the session on the server; a session ended elsewhere returns the desk to the sign-in form', async () => {
    const reader = await readers.add();
    const page = await desk(admin, '', reader);
    const token = JSON.parse((await page.evaluate(`sessionStorage.getItem('kolom-desk-session')`)) as string).token as string;
    await page.click('button.desk-sign-out');
    await page.locator('form.desk-sign-in-form').waitFor({ timeout: WAIT_MS });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    const after = await moderatorOf(kolom, bearer(token)).counts();
    expect(after.status).toBe(401);

    // Signed in again; then that session is ended from somewhere else (the API, another tool).
    await signInThroughForm(page, admin);
    await page.locator('button.desk-sign-out').waitFor({ timeout: WAIT_MS });
    const second = JSON.parse((await page.evaluate(`sessionStorage.getItem('kolom-desk-session')`)) as string).token as string;
    expect((await moderatorOf(kolom, bearer(second)).logout()).status).toBe(204);
    await page.locator('form.desk-sign-in-form').waitFor({ timeout: WAIT_MS });
    expect(await text(page.locator('.desk-sign-in .desk-notice'))).toBe('Your session has ended. Please sign in again.');
    expect(errorsOf(reader)).toEqual([]);
  });
});
