import { jest } from '@jest/globals';
import type { Browser, Page, Request, Route } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import type { PostedComment } from '../../src/threads/thread-answers.js';
import { type ArticlePage, keepPagesAsArtifacts, launchChromium, type NewsHost, type Reader, Readers, startNewsHost } from '../support/browser.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, eventually, fillForm, rendered, text, WAIT_MS } from '../support/widget-page.js';

/**
 * Reply notifications by email in the embedded widget (issue 18), in a real browser: the "Notify
 * me of replies by email." box Kolom offers only when it can send email, what the reader is told
 * after posting, the privacy link, and the reader token a confirmation link brings back in the
 * article's address (`#kolom-reader=…`), kept per site and sent with every later post.
 *
 * The server here has no SMTP: that is the "no email" case as it is. For the other cases the
 * thread's answer is given `replyEmails: true` on its way to the page, and a post's answer the
 * `replyEmails` the server would give: what the widget sends is read off the request itself.
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
    subscribed: 'Kami akan mengirim email kepada Anda jika ada yang membalas.',
  },
};

type ReplyEmails = NonNullable<PostedComment['replyEmails']>;

/** A token as Kolom's confirmation page hands it back: base64url parts joined by dots. */
const READER_TOKEN = 'eyJyIjo0Mn0.c2l0ZS0x.Zm9yLXRoZS10ZXN0cy1vbmx5_-';

describe('reply notifications by email in the widget, in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'mail-widget', 'reply notifications by email in the widget, in Chromium');

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

  const publish = (page: Partial<ArticlePage> = {}) => host.publish({ site: site.slug, ...page });

  /**
   * A reader whose page is told Kolom can send email; each post is answered with `answer` as its
   * `replyEmails`. The fields this server does not know yet (notifyReplies, readerToken) are taken
   * off the body on its way, after the page sent them: the requests the page made keep them.
   */
  const mailReader = async (answer: () => ReplyEmails | undefined = () => undefined): Promise<Reader> => {
    const reader = await readers.add();
    await reader.context.route(
      (url) => url.origin === kolom.baseUrl && url.pathname === '/api/v1/threads',
      async (route: Route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), replyEmails: true } });
      },
    );
    await reader.context.route(
      (url) => url.origin === kolom.baseUrl && url.pathname === '/api/v1/comments',
      async (route: Route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const { notifyReplies: _asked, readerToken: _token, ...form } = route.request().postDataJSON() as Record<string, unknown>;
        const response = await route.fetch({ postData: JSON.stringify(form) });
        const replyEmails = answer();
        await route.fulfill({ response, json: { ...(await response.json()), ...(replyEmails ? { replyEmails } : {}) } });
      },
    );
    return reader;
  };

  const openArticle = async (url: string, reader?: Reader): Promise<Page> => {
    const page = await (reader ?? (await readers.add())).open(url);
    await rendered(page);
    return page;
  };

  /** The bodies of the comment posts the page sends, in order. */
  const postsOf = (page: Page): Array<Record<string, unknown>> => {
    const posts: Array<Record<string, unknown>> = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/comments') posts.push(request.postDataJSON());
    });
    return posts;
  };

  const postThroughForm = async (page: Page, body: string): Promise<void> => {
    await fillForm(page, { body, name: 'Rina Wulandari', email: 'rina@example.org' });
    await page.click('button.kolom-submit');
    await commentWith(page, body).waitFor({ timeout: WAIT_MS });
  };

  it('without email (no SMTP) the form has no "Notify me of replies" box and no privacy link, and posts carry neither field', async () => {
    const article = publish();
    const page = await openArticle(article.url);
    const posts = postsOf(page);
    expect(await http.thread(site, article.canonical)).not.toMatchObject({ replyEmails: true });

    expect(await page.locator('form.kolom-form').isVisible()).toBe(true);
    expect(await page.locator('#kolom-notify').count()).toBe(0);
    expect(await page.getByText(WORDS.notify).count()).toBe(0);
    expect(await page.locator('.kolom-privacy').count()).toBe(0);

    await postThroughForm(page, 'Will the night buses take bicycles?');
    expect(posts).toHaveLength(1);
    expect(posts[0]).not.toHaveProperty('notifyReplies');
    expect(posts[0]).not.toHaveProperty('readerToken');
    expect(await page.locator('.kolom-notice').innerText()).toBe('');
  });

  it('when Kolom can send email the box is there, labelled and off; unticked it sends nothing, ticked it sends notifyReplies: true and says to check the inbox', async () => {
    let answer: ReplyEmails | undefined;
    const page = await openArticle(publish().url, await mailReader(() => answer));
    const posts = postsOf(page);
    const box = page.getByLabel(WORDS.notify);
    expect(await box.getAttribute('id')).toBe('kolom-notify');
    expect(await box.getAttribute('type')).toBe('checkbox');
    expect(await box.isChecked()).toBe(false);
    await shoot(page, 'form with the notify box');

    await postThroughForm(page, 'Route 7 used to run until 1 a.m. in 2019.');
    expect(posts[0]).not.toHaveProperty('notifyReplies');
    expect(await page.locator('.kolom-notice').innerText()).toBe('');

    answer = 'confirmation-sent';
    await box.check();
    await postThroughForm(page, 'Does the night fare include transfers?');
    expect(posts[1]).toMatchObject({ notifyReplies: true, body: 'Does the night fare include transfers?' });
    const notice = page.locator('p.kolom-notice');
    await eventually(async () => expect(await text(notice)).toBe(WORDS.replyEmails['confirmation-sent']));
    expect(await notice.getAttribute('role')).toBe('status');
    await shoot(page, 'check your inbox');
  });

  it("a reply's form has the box too, and each answer about reply emails has its own notice", async () => {
    const article = publish();
    const parent = await http.post(site, { url: article.canonical, name: 'Budi Santoso', body: 'The 7N stops at the hospital now.' });
    const answers: ReplyEmails[] = ['confirmation-pending', 'subscribed'];
    let next = 0;
    const page = await openArticle(article.url, await mailReader(() => answers[next++]));
    const posts = postsOf(page);

    await page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] button.kolom-reply`).first().click();
    const replyForm = page.locator(`li.kolom-comment[data-id="${parent.comment.id}"] form.kolom-form`);
    expect(await replyForm.getByLabel(WORDS.notify).isChecked()).toBe(false);
    await replyForm.getByLabel(WORDS.notify).check();
    await postThroughForm(page, 'Thanks, that helps my mother a lot.');
    expect(posts[0]).toMatchObject({ notifyReplies: true, parentId: parent.comment.id });
    await eventually(async () => expect(await text(page.locator('p.kolom-notice'))).toBe(WORDS.replyEmails['confirmation-pending']));

    await postThroughForm(page, 'And the Saturday timetable?');
    expect(posts[1]).toMatchObject({ notifyReplies: true });
    expect(posts[1]).not.toHaveProperty('parentId');
    await eventually(async () => expect(await text(page.locator('p.kolom-notice'))).toBe(WORDS.replyEmails.subscribed));
  });

  it("the privacy link opens Kolom's privacy page for this site in a new tab", async () => {
    const page = await openArticle(publish().url, await mailReader());
    const link = page.getByRole('link', { name: WORDS.privacy });
    expect(await link.getAttribute('href')).toBe(`${kolom.baseUrl}/privacy?site=${site.slug}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
  });

  it("a confirmation link's #kolom-reader= is kept for the site, leaves the address, is acknowledged, and goes with every later post as readerToken", async () => {
    const article = publish({ path: '/city/night-buses' });
    const reader = await mailReader(() => 'subscribed');
    const page = await openArticle(`${article.url}?utm_source=email#kolom-reader=${READER_TOKEN}`, reader);
    const posts = postsOf(page);

    expect(await page.evaluate(() => location.href)).toBe(`${article.url}?utm_source=email`);
    await eventually(async () => expect(await text(page.locator('p.kolom-notice'))).toBe(WORDS.confirmed));
    expect(await page.evaluate((slug) => localStorage.getItem(`kolom:reader:${slug}`), site.slug)).toBe(JSON.stringify(READER_TOKEN));
    await shoot(page, 'address confirmed');

    await postThroughForm(page, 'Confirmed and commenting.');
    expect(posts[0]).toMatchObject({ readerToken: READER_TOKEN });
    expect(posts[0]).not.toHaveProperty('notifyReplies');

    // Another article of the same site, another day: the token is still sent, and nothing is said about it.
    const later = await openArticle(publish().url, reader);
    const laterPosts = postsOf(later);
    expect(await later.locator('p.kolom-notice').innerText()).toBe('');
    await later.getByLabel(WORDS.notify).check();
    await postThroughForm(later, 'Still reading every night-bus story.');
    expect(laterPosts[0]).toMatchObject({ readerToken: READER_TOKEN, notifyReplies: true });
  });

  it('a reader token of one site is not sent to another, and a fragment that is not a token is dropped unkept', async () => {
    const other = await kolom.app.get(SitesService).create({ slug: 'warta-desa', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    const reader = await mailReader();
    const confirmed = await openArticle(`${publish().url}#kolom-reader=${READER_TOKEN}`, reader);
    await eventually(async () => expect(await text(confirmed.locator('p.kolom-notice'))).toBe(WORDS.confirmed));

    const elsewhere = await openArticle(`${host.publish({ site: other.slug }).url}#kolom-reader=<script>`, reader);
    const posts = postsOf(elsewhere);
    expect(await elsewhere.evaluate(() => location.hash)).toBe('');
    expect(await elsewhere.locator('p.kolom-notice').innerText()).toBe('');
    expect(await elsewhere.evaluate(() => localStorage.getItem('kolom:reader:warta-desa'))).toBeNull();
    await postThroughForm(elsewhere, 'A village road story comment.');
    expect(posts[0]).not.toHaveProperty('readerToken');
  });

  it('in Bahasa Indonesia: the box, the privacy link, and the notices', async () => {
    const reader = await mailReader(() => 'subscribed');
    const page = await openArticle(`${publish({ lang: 'id' }).url}#kolom-reader=${READER_TOKEN}`, reader);
    await eventually(async () => expect(await text(page.locator('p.kolom-notice'))).toBe(WORDS.id.confirmed));
    expect(await page.getByLabel(WORDS.id.notify).isChecked()).toBe(false);
    expect(await page.getByRole('link', { name: WORDS.id.privacy }).count()).toBe(1);
    await page.getByLabel(WORDS.id.notify).check();
    await postThroughForm(page, 'Terima kasih atas beritanya.');
    await eventually(async () => expect(await text(page.locator('p.kolom-notice'))).toBe(WORDS.id.subscribed));
    await shoot(page, 'Indonesian notice');
  });
});
