import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { linkTo, TestMailServer } from '../support/mail-server.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, eventually, fillForm, rendered, text, WAIT_MS, postsOf } from '../support/widget-page.js';

/**
 * Reply notifications by email in the embedded widget (issue 18), in a real browser against a
 * real SMTP server: the "Notify me of replies by email." box Kolom offers only when it can send
 * email, what the reader is told after posting, the privacy link, and the reader token the
 * emailed confirmation link brings back in the article's address (`#kolom-reader=…`), kept per
 * site and sent with every later post. A second Kolom without SMTP is the "no email" case.
 */

jest.setTimeout(60_000);

const WORDS = {
  notify: 'Notify me of replies by email.',
  privacy: 'Your comments and privacy',
  confirmed: 'Your email address is confirmed.',
  replyEmails: {
    'confirmation-sent': 'Check your inbox: we sent a link to confirm reply notifications.',
    'confirmation-pending': 'Confirm your address with the link we emailed you earlier to get reply notifications.',
    subscribed: "We'll email you when someone replies.",
  },
  id: {
    notify: 'Beri tahu saya lewat email jika ada balasan.',
    privacy: 'Komentar dan privasi Anda',
    confirmed: 'Alamat email Anda sudah dikonfirmasi.',
    confirmationSent: 'Periksa kotak masuk Anda: kami mengirim tautan untuk mengonfirmasi pemberitahuan balasan.',
  },
};

/** Shaped like Kolom's tokens (base64url parts joined by dots), but signed by no one: the server ignores it. */
const MADE_UP_TOKEN = 'eyJyIjo0Mn0.c2l0ZS0x.Zm9yLXRoZS10ZXN0cy1vbmx5_-';

let addressCounter = 0;
/** Each reader's own address: what Kolom remembers about confirmations is per address. */
const newAddress = (name: string) => `${name}-${process.pid}-${++addressCounter}@readers.example`;

describe('reply notifications by email in the widget, in Chromium', () => {
  let browser: Browser;
  let mail: TestMailServer;
  /** Configured with the test's SMTP server. */
  let kolom: TestKolom;
  /** Without SMTP. */
  let plain: TestKolom;
  let host: NewsHost;
  let plainHost: NewsHost;
  let site: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'mail-widget', 'reply notifications by email in the widget, in Chromium');
  const settings = { floodSeconds: 0, minSubmitSeconds: 0 };

  beforeAll(async () => {
    mail = await TestMailServer.start();
    [browser, kolom, plain] = await Promise.all([
      launchChromium(),
      startKolom({ SMTP_URL: mail.url, MAIL_FROM: 'Kolom <comments@news.example>', MAIL_RETRY_SECONDS: '1' }),
      startKolom(),
    ]);
    [host, plainHost] = await Promise.all([startNewsHost(kolom.baseUrl), startNewsHost(plain.baseUrl)]);
    site = await kolom.app.get(SitesService).create({ slug: 'harian-kota', origins: [host.origin], settings });
    await plain.app.get(SitesService).create({ slug: 'harian-kota', origins: [plainHost.origin], settings });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([host?.close(), plainHost?.close()]);
    await Promise.all([kolom?.close(), plain?.close()]);
    await mail?.stop();
  });

  const publish = (page: Partial<ArticlePage> = {}) => host.publish({ site: site.slug, ...page });

  const openArticle = async (url: string, reader?: Reader): Promise<Page> => {
    const page = await (reader ?? (await readers.add())).open(url);
    await rendered(page);
    return page;
  };

  const postThroughForm = async (page: Page, body: string, email: string): Promise<void> => {
    await fillForm(page, { body, name: 'Rina Wulandari', email });
    await page.click('button.kolom-submit');
    await commentWith(page, body).waitFor({ timeout: WAIT_MS });
  };

  const notice = (page: Page) => page.locator('p.kolom-notice');

  /**
   * What a reader does with the confirmation email, in the same browser: opens its link (on the
   * test's Kolom: links carry the configured public host), presses the button, and follows the
   * way back to the article. Answers the article's page, as the widget shows it then.
   */
  const confirmFromMail = async (reader: Reader, address: string): Promise<Page> => {
    const [message] = await mail.waitFor(address);
    const { pathname, search } = new URL(linkTo(message, '/mail/confirm'));
    const page = await reader.open(`${kolom.baseUrl}${pathname}${search}`);
    await page.click('form button[type="submit"]');
    const back = page.locator('a[href*="#kolom-reader="]');
    await back.waitFor({ timeout: WAIT_MS });
    await back.click();
    await page.waitForURL((url) => url.origin === host.origin, { timeout: WAIT_MS });
    await rendered(page);
    return page;
  };

  it('without email (no SMTP) the form has no "Notify me of replies" box and no privacy link, and posts carry neither field', async () => {
    const article = plainHost.publish({ site: site.slug });
    const page = await openArticle(article.url);
    const posts = postsOf(page);
    expect((await readerOf(plain).thread(site, article.canonical)).replyEmails).toBe(false);

    expect(await page.locator('form.kolom-form').isVisible()).toBe(true);
    expect(await page.locator('#kolom-notify').count()).toBe(0);
    expect(await page.getByText(WORDS.notify).count()).toBe(0);
    expect(await page.locator('.kolom-privacy').count()).toBe(0);

    await postThroughForm(page, 'Will the night buses take bicycles?', newAddress('rina'));
    expect(posts).toHaveLength(1);
    expect(posts[0]).not.toHaveProperty('notifyReplies');
    expect(posts[0]).not.toHaveProperty('readerToken');
    expect(await notice(page).innerText()).toBe('');
  });

  it('with email the box is there, labelled and off; unticked nothing is asked, ticked it sends notifyReplies: true, a confirmation is emailed, and the reader is told', async () => {
    const address = newAddress('rina');
    const article = publish();
    expect((await http.thread(site, article.canonical)).replyEmails).toBe(true);
    const page = await openArticle(article.url);
    const posts = postsOf(page);
    const box = page.getByLabel(WORDS.notify);
    expect(await box.getAttribute('id')).toBe('kolom-notify');
    expect(await box.getAttribute('type')).toBe('checkbox');
    expect(await box.isChecked()).toBe(false);
    await shoot(page, 'form with the notify box');

    await postThroughForm(page, 'Route 7 used to run until 1 a.m. in 2019.', address);
    expect(posts[0]).not.toHaveProperty('notifyReplies');
    expect(await notice(page).innerText()).toBe('');

    await box.check();
    await postThroughForm(page, 'Does the night fare include transfers?', address);
    expect(posts[1]).toMatchObject({ notifyReplies: true, body: 'Does the night fare include transfers?' });
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.replyEmails['confirmation-sent']));
    expect(await notice(page).getAttribute('role')).toBe('status');
    expect(await mail.waitFor(address)).toHaveLength(1);
    await shoot(page, 'check your inbox');

    // Asked again before confirming: no second link, a reminder of the first.
    await postThroughForm(page, 'And do they run on public holidays?', address);
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.replyEmails['confirmation-pending']));
  });

  it("a reply's form has the box too, and the reply asks for notifications with its parent", async () => {
    const article = publish();
    const parent = await http.post(site, { url: article.canonical, name: 'Budi Santoso', body: 'The 7N stops at the hospital now.' });
    const page = await openArticle(article.url);
    const posts = postsOf(page);

    await page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] button.kolom-reply`).first().click();
    const replyForm = page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] form.kolom-form`);
    expect(await replyForm.getByLabel(WORDS.notify).isChecked()).toBe(false);
    await replyForm.getByLabel(WORDS.notify).check();
    await postThroughForm(page, 'Thanks, that helps my mother a lot.', newAddress('citra'));
    expect(posts[0]).toMatchObject({ notifyReplies: true, parentId: parent.comment.id });
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.replyEmails['confirmation-sent']));
  });

  it("the privacy link opens Kolom's privacy page for this site in a new tab", async () => {
    const reader = await readers.add();
    const page = await openArticle(publish().url, reader);
    const link = page.getByRole('link', { name: WORDS.privacy });
    const privacyUrl = `${kolom.baseUrl}/privacy?site=${site.slug}`;
    expect(await link.getAttribute('href')).toBe(privacyUrl);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    const [tab] = await Promise.all([reader.context.waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(privacyUrl);
    expect(await tab.evaluate('window.opener')).toBeNull();
  });

  it('the emailed link brings the reader back with #kolom-reader=: kept for the site, gone from the address, acknowledged, and sent with later posts, which are subscribed', async () => {
    const address = newAddress('dewi');
    const article = publish({ path: '/city/night-buses' });
    const reader = await readers.add();
    const first = await openArticle(article.url, reader);
    await first.getByLabel(WORDS.notify).check();
    await postThroughForm(first, 'Tell me when the timetable is out.', address);
    await eventually(async () => expect(await text(notice(first))).toBe(WORDS.replyEmails['confirmation-sent']));

    const page = await confirmFromMail(reader, address);
    const posts = postsOf(page);
    expect(page.url()).toBe(article.url);
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.confirmed));
    const kept = ((await page.evaluate(`localStorage.getItem('kolom:reader:${site.slug}')`)) as string | null) ?? '';
    const token = JSON.parse(kept) as string;
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    await shoot(page, 'address confirmed');

    await page.getByLabel(WORDS.notify).check();
    await postThroughForm(page, 'Confirmed, and asking again.', address);
    expect(posts[0]).toMatchObject({ readerToken: token, notifyReplies: true });
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.replyEmails.subscribed));

    // Another article of the same site, another day: the token still goes, unannounced.
    const later = await openArticle(publish().url, reader);
    const laterPosts = postsOf(later);
    expect(await notice(later).innerText()).toBe('');
    await postThroughForm(later, 'Still reading every night-bus story.', address);
    expect(laterPosts[0]).toMatchObject({ readerToken: token });
    expect(laterPosts[0]).not.toHaveProperty('notifyReplies');
  });

  it('a reader token of one site is not sent to another, and a fragment that is not a token is dropped unkept', async () => {
    const other = await kolom.app.get(SitesService).create({ slug: 'warta-desa', origins: [host.origin], settings });
    const reader = await readers.add();
    const confirmed = await openArticle(`${publish().url}#kolom-reader=${MADE_UP_TOKEN}`, reader);
    await eventually(async () => expect(await text(notice(confirmed))).toBe(WORDS.confirmed));

    const elsewhere = await openArticle(`${host.publish({ site: other.slug }).url}#kolom-reader=<script>`, reader);
    const posts = postsOf(elsewhere);
    expect(await elsewhere.evaluate('location.hash')).toBe('');
    expect(await notice(elsewhere).innerText()).toBe('');
    expect(await elsewhere.evaluate("localStorage.getItem('kolom:reader:warta-desa')")).toBeNull();
    await postThroughForm(elsewhere, 'A village road story comment.', newAddress('eko'));
    expect(posts[0]).not.toHaveProperty('readerToken');
  });

  it('the fragment leaves the address with its query kept, and a token the server does not know changes nothing for the post', async () => {
    const article = publish();
    const page = await openArticle(`${article.url}?utm_source=email#kolom-reader=${MADE_UP_TOKEN}`);
    const posts = postsOf(page);
    expect(page.url()).toBe(`${article.url}?utm_source=email`);
    await page.getByLabel(WORDS.notify).check();
    await postThroughForm(page, 'Posted with a token nobody signed.', newAddress('fajar'));
    expect(posts[0]).toMatchObject({ readerToken: MADE_UP_TOKEN });
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.replyEmails['confirmation-sent']));
  });

  it('in Bahasa Indonesia: the box, the privacy link, and the notices', async () => {
    const page = await openArticle(`${publish({ lang: 'id' }).url}#kolom-reader=${MADE_UP_TOKEN}`);
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.id.confirmed));
    expect(await page.getByLabel(WORDS.id.notify).isChecked()).toBe(false);
    expect(await page.getByRole('link', { name: WORDS.id.privacy }).count()).toBe(1);
    await page.getByLabel(WORDS.id.notify).check();
    await postThroughForm(page, 'Terima kasih atas beritanya.', newAddress('sari'));
    await eventually(async () => expect(await text(notice(page))).toBe(WORDS.id.confirmationSent));
    await shoot(page, 'Indonesian notice');
  });
});
