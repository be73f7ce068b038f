import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import type { SiteSettings } from '../../src/sites/site-settings.js';
import { keepPagesAsArtifacts, launchChromium, Readers } from '../support/browser.js';
import { WORDPRESS_MESSAGES } from '../support/form-contract.js';
import { type HttpAnswer, withQuery } from '../support/http.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';
import { eventually, rendered, WAIT_MS } from '../support/widget-page.js';

/**
 * The thread for readers without JavaScript (issue 17): the server-rendered fragment at
 * /embed/thread, the classic form posted to /wp-comments-post.php with WordPress's field names,
 * and a news site that includes the fragment server-side, read in Chromium with JavaScript off.
 */

jest.setTimeout(60_000);

const ARTICLE = 'https://news.example/politics/budget-vote';
const FAILURE_TITLE = 'Comment Submission Failure';

describe('comments without JavaScript', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let reader: HttpReader;
  let admin: Moderator;
  const readers = new Readers(() => browser);
  keepPagesAsArtifacts(readers, 'no-javascript', 'comments without JavaScript');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    // The fragment's form and next-page link point at Kolom's public address: here, where the test server listens.
    kolom.config.publicUrl = kolom.baseUrl;
    reader = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await kolom?.close();
  });

  const site = (settings: Partial<SiteSettings> = {}) => kolom.createSite(settings);

  const fragment = (s: { slug: string }, url = ARTICLE, query: Record<string, string | number> = {}) =>
    kolom.request<string>('GET', withQuery('/embed/thread', { site: s.slug, url, ...query }));

  /** The fragment as a browser reads it, JavaScript off: its DOM, through Playwright's locators. */
  async function fragmentPage(html: string): Promise<Page> {
    const page = await (await readers.add({ javaScriptEnabled: false })).context.newPage();
    await page.setContent(`<!DOCTYPE html><html><body>${html}</body></html>`);
    return page;
  }

  /** A plain form post, as a browser sends it; redirects are not followed. */
  function postForm(fields: Record<string, string>, path = '/wp-comments-post.php'): Promise<Response> {
    return fetch(kolom.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  }

  let formCounter = 0;
  const wordpressForm = (s: { slug: string }, fields: Record<string, string> = {}) => ({
    comment: `Posted the old way, number ${++formCounter}.`,
    author: 'Budi Santoso',
    email: 'budi@example.org',
    url: '',
    comment_parent: '0',
    site: s.slug,
    article: ARTICLE,
    submit: 'Post Comment',
    ...fields,
  });

  /** WordPress's error page: its title, the message, and "« Back" to the article. */
  async function expectFailurePage(answer: Response, status: number, message: string, back: string | null = ARTICLE): Promise<void> {
    const html = await answer.text();
    expect({ status: answer.status, html }).toMatchObject({ status, html: expect.stringContaining(`<title>${FAILURE_TITLE}</title>`) });
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await fragmentPage(html.replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g, ''));
    expect((await page.locator('.wp-die-message p').first().innerText()).trim()).toBe(`Error: ${message}`);
    const link = page.locator('a', { hasText: '« Back' });
    expect(await link.getAttribute('href')).toBe(back ?? 'javascript:history.back()');
  }

  async function storedComments(s: Site): Promise<Array<{ id: number; status: string; body: string }>> {
    const rows: Array<{ id: string; status: string; body: string }> = await kolom.dataSource.query(
      'SELECT id, status, body FROM comments WHERE site_id = $1 ORDER BY id',
      [s.id],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  describe('the fragment', () => {
    it('draws the thread as the widget does: the section, the list, one article per comment with its anchor, replies nested, the form', async () => {
      const s = await site();
      const first = await reader.publish(s, {
        url: ARTICLE,
        body: 'First paragraph.\n\nSecond paragraph,\nwith a line break.',
        name: 'Ayu Lestari',
        website: 'https://ayu.example.org',
      });
      const reply = await reader.publish(s, { url: ARTICLE, body: 'A reply.', name: 'Indra', parentId: first.comment.id });

      const answer = await fragment(s);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-cache');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain('frame-ancestors https://news.example');
      expect(answer.body).not.toContain('formToken');

      const page = await fragmentPage(answer.body);
      expect(await page.locator('section.kolom > ol.kolom-comments > li.kolom-comment').count()).toBe(1);
      expect((await page.locator('h2.kolom-heading').innerText()).trim()).toBe('2 Comments');
      const top = page.locator(`li.kolom-comment > article#comment-${first.comment.id}`);
      expect((await top.locator('.kolom-author').innerText()).trim()).toBe('Ayu Lestari');
      expect(await top.locator('a.kolom-author').getAttribute('href')).toBe('https://ayu.example.org/');
      expect(await top.locator('a.kolom-author').getAttribute('rel')).toBe('nofollow ugc');
      expect(await top.locator('time[datetime]').first().getAttribute('datetime')).toBe(first.comment.createdAt);
      expect(await top.locator('.kolom-body p').allInnerTexts()).toEqual(['First paragraph.', 'Second paragraph,\nwith a line break.']);
      const nested = page.locator(`li.kolom-comment > ol.kolom-children > li.kolom-comment > article#comment-${reply.comment.id}`);
      expect((await nested.locator('span.kolom-author').innerText()).trim()).toBe('Indra');

      const form = page.locator('form.kolom-form');
      expect(await form.getAttribute('method')).toBe('post');
      expect(await form.getAttribute('action')).toBe(`${kolom.baseUrl}/wp-comments-post.php`);
      for (const name of ['comment', 'author', 'email', 'url', 'comment_parent', 'site', 'article', 'homepage']) {
        expect(await form.locator(`[name="${name}"]`).count()).toBe(1);
      }
      expect(await form.locator('[name="homepage"]').isVisible()).toBe(false);
      expect(await form.locator('[name="article"]').getAttribute('value')).toBe(ARTICLE);
      // WordPress's reply link: the article again, with ?replytocom=ID, for the site to pass on.
      expect(await top.locator('a.kolom-reply').getAttribute('href')).toBe(`${ARTICLE}?replytocom=${first.comment.id}#respond`);
    });

    it('with replytocom=ID the form answers that comment: "Reply to NAME", comment_parent, a way to cancel', async () => {
      const s = await site();
      const first = await reader.publish(s, { url: ARTICLE, name: 'Ayu Lestari' });
      const page = await fragmentPage((await fragment(s, ARTICLE, { replytocom: first.comment.id })).body);
      expect((await page.locator('#reply-title').innerText()).trim()).toBe('Reply to Ayu Lestari Cancel reply');
      expect(await page.locator('[name="comment_parent"]').getAttribute('value')).toBe(String(first.comment.id));
      expect(await page.locator('a.kolom-cancel-reply').getAttribute('href')).toBe(`${ARTICLE}#respond`);
      // A comment not on the page is no reply target: the form stays the article's.
      const elsewhere = await fragmentPage((await fragment(s, ARTICLE, { replytocom: 999999999 })).body);
      expect(await elsewhere.locator('[name="comment_parent"]').getAttribute('value')).toBe('0');
    });

    it('carries schema.org Comment microdata on each comment: author as a Person with a name, dateCreated and text', async () => {
      const s = await site();
      const posted = await reader.publish(s, { url: ARTICLE, body: 'Structured data, please.', name: 'Sari' });
      const page = await fragmentPage((await fragment(s)).body);
      const article = page.locator(`article#comment-${posted.comment.id}`);
      expect(await article.getAttribute('itemscope')).not.toBeNull();
      expect(await article.getAttribute('itemtype')).toBe('https://schema.org/Comment');
      const author = article.locator('[itemprop="author"]');
      expect(await author.getAttribute('itemtype')).toBe('https://schema.org/Person');
      expect((await author.locator('[itemprop="name"]').innerText()).trim()).toBe('Sari');
      expect(await article.locator('[itemprop="dateCreated"]').getAttribute('datetime')).toBe(posted.comment.createdAt);
      expect((await article.locator('[itemprop="text"]').innerText()).trim()).toBe('Structured data, please.');
    });

    it('shows hostile names, bodies and websites as text: no element, no script, no javascript: link', async () => {
      const s = await site();
      const hostile = await reader.publish(s, {
        url: ARTICLE,
        name: 'Mallory <img src=x onerror="window.__xss=1">',
        body: '<script>window.__xss=1</script> and <b onclick="x()">bold</b> "quoted" & \'single\'',
      });
      // The form refuses such a website; one stored before that rule (or imported) must still not become a link.
      await kolom.dataSource.query('UPDATE comments SET author_website = $2 WHERE id = $1', [hostile.comment.id, 'javascript:window.__xss=1']);
      const html = (await fragment(s)).body;
      expect(html).not.toMatch(/<script|<img|<b |onerror="|onclick="|href="javascript:/i);
      const page = await fragmentPage(html);
      const article = page.locator(`article#comment-${hostile.comment.id}`);
      expect(await article.locator('script, img, b').count()).toBe(0);
      expect(await article.locator('a.kolom-author').count()).toBe(0);
      expect((await article.locator('.kolom-body').innerText()).trim()).toBe(hostile.comment.body);
      expect((await article.locator('.kolom-author').innerText()).trim()).toBe(hostile.comment.author!.name);
    });

    it('keeps a removed comment with replies as a placeholder, in Indonesian with lang=id', async () => {
      const s = await site();
      const parent = await reader.publish(s, { url: ARTICLE, body: 'Soon gone.' });
      const reply = await reader.publish(s, { url: ARTICLE, body: 'Still here.', parentId: parent.comment.id });
      await reader.withdraw(parent);

      const english = await fragmentPage((await fragment(s)).body);
      const placeholder = english.locator(`article#comment-${parent.comment.id}`);
      expect((await placeholder.innerText()).trim()).toBe('This comment was removed.');
      expect(await placeholder.getAttribute('itemscope')).toBeNull();
      expect(await english.locator(`article#comment-${parent.comment.id} ~ ol.kolom-children article#comment-${reply.comment.id}`).count()).toBe(1);

      const indonesian = await fragmentPage((await fragment(s, ARTICLE, { lang: 'id' })).body);
      expect(await indonesian.locator('section.kolom').getAttribute('lang')).toBe('id');
      expect((await indonesian.locator(`article#comment-${parent.comment.id}`).innerText()).trim()).toBe('Komentar ini telah dihapus.');
      expect((await indonesian.locator('button.kolom-submit').innerText()).trim()).toBe('Kirim Komentar');
    });

    it('links to the next page with its cursor, and that page holds the rest', async () => {
      const s = await site();
      const bodies = ['One.', 'Two.', 'Three.'];
      for (const body of bodies) await reader.publish(s, { url: ARTICLE, body });
      const first = await fragmentPage((await fragment(s, ARTICLE, { limit: 2 })).body);
      expect(await first.locator('.kolom-body').allInnerTexts()).toEqual(['One.', 'Two.']);
      const next = await first.locator('a.kolom-more').getAttribute('href');
      expect(next).toMatch(new RegExp(`^${kolom.baseUrl}/embed/thread\\?.*cursor=`));

      const answer = await fetch(next!);
      const second = await fragmentPage(await answer.text());
      expect(await second.locator('.kolom-body').allInnerTexts()).toEqual(['Three.']);
      expect(await second.locator('a.kolom-more').count()).toBe(0);
    });

    it('an article nobody has commented on is an empty thread with the form, and reading it creates no article', async () => {
      const s = await site();
      const url = 'https://news.example/culture/quiet-story';
      const answer = await fragment(s, url);
      expect(answer.status).toBe(200);
      const page = await fragmentPage(answer.body);
      expect((await page.locator('p.kolom-empty').innerText()).trim()).toBe("No comments yet. Why don't you start the discussion?");
      expect(await page.locator('li.kolom-comment').count()).toBe(0);
      expect(await page.locator('form.kolom-form').count()).toBe(1);
      const [{ n }] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM articles WHERE site_id = $1', [s.id]);
      expect(n).toBe(0);
    });

    it('a closed article shows "Comments are closed." instead of the form', async () => {
      const s = await site();
      await reader.publish(s, { url: ARTICLE });
      await admin.closeArticle(await admin.articleAt(s, ARTICLE));
      await eventually(async () => {
        const page = await fragmentPage((await fragment(s)).body);
        expect(await page.locator('form.kolom-form').count()).toBe(0);
        expect((await page.locator('p.kolom-closed').innerText()).trim()).toBe('Comments are closed.');
      });
    });

    it('an unknown site is 404 and an article off the site’s origins 403', async () => {
      expect((await fragment({ slug: 'no-such-site' })).status).toBe(404);
      const s = await site();
      expect((await fragment(s, 'https://elsewhere.example/story')).status).toBe(403);
    });
  });

  describe('the classic form post', () => {
    it('posts with WordPress’s field names and redirects 303 to the article at #comment-ID', async () => {
      const s = await site();
      const answer = await postForm(wordpressForm(s, { comment: 'Sent without JavaScript.', url: 'budi.example.org' }));
      expect(answer.status).toBe(303);
      const [stored] = await storedComments(s);
      expect(stored).toMatchObject({ status: 'approved', body: 'Sent without JavaScript.' });
      expect(answer.headers.get('location')).toBe(`${ARTICLE}#comment-${stored.id}`);
      const thread = await reader.thread(s, ARTICLE);
      expect(thread.comments[0].author).toEqual({ name: 'Budi Santoso', website: 'http://budi.example.org', avatar: null });
    });

    it('takes the article as comment_post_ID, and a reply as comment_parent; /embed/comment takes the same form', async () => {
      const s = await site();
      const first = await reader.publish(s, { url: ARTICLE, body: 'The first.' });
      const answer = await postForm(
        {
          comment: 'A reply by article id.',
          author: 'Budi',
          email: 'budi@example.org',
          comment_post_ID: String(first.comment.articleId),
          comment_parent: String(first.comment.id),
        },
        '/embed/comment',
      );
      expect(answer.status).toBe(303);
      const thread = await reader.thread(s, ARTICLE);
      const reply = thread.comments[0].replies[0];
      expect(reply).toMatchObject({ body: 'A reply by article id.', parentId: first.comment.id });
      expect(answer.headers.get('location')).toBe(`${ARTICLE}#comment-${reply.id}`);
    });

    it('a form missing its fields gets WordPress’s error page with 400 and its message', async () => {
      const s = await site();
      await expectFailurePage(await postForm(wordpressForm(s, { comment: '' })), 400, WORDPRESS_MESSAGES.emptyComment);
      await expectFailurePage(await postForm(wordpressForm(s, { author: '' })), 400, WORDPRESS_MESSAGES.requiredFields);
      await expectFailurePage(await postForm(wordpressForm(s, { email: 'budi@' })), 400, WORDPRESS_MESSAGES.invalidEmail);
      expect(await storedComments(s)).toEqual([]);
    });

    it('a comment on a closed article gets 403, a duplicate 409, each with WordPress’s words', async () => {
      const s = await site();
      const form = wordpressForm(s, { comment: 'Said once.' });
      expect((await postForm(form)).status).toBe(303);
      await expectFailurePage(await postForm(form), 409, WORDPRESS_MESSAGES.duplicate);
      await admin.closeArticle(await admin.articleAt(s, ARTICLE));
      await expectFailurePage(await postForm(wordpressForm(s)), 403, WORDPRESS_MESSAGES.closed);
      expect(await storedComments(s)).toHaveLength(1);
    });

    it('posting too quickly gets 429 with WordPress’s flood message', async () => {
      const s = await site({ floodSeconds: 60 });
      expect((await postForm(wordpressForm(s))).status).toBe(303);
      await expectFailurePage(await postForm(wordpressForm(s)), 429, WORDPRESS_MESSAGES.flood);
    });

    it('an unknown site, an unknown article id and an off-origin article are refused with the page, and no way back to an address the site does not allow', async () => {
      const s = await site();
      const unknownSite = await postForm(wordpressForm({ slug: 'no-such-site' }));
      await expectFailurePage(unknownSite, 404, 'There is no site "no-such-site" on this Kolom server.', null);
      await expectFailurePage(await postForm({ ...wordpressForm(s), comment_post_ID: '999999999' }), 404, 'There is no such article.', null);
      const offOrigin = await postForm(wordpressForm(s, { article: 'https://evil.example/story' }));
      await expectFailurePage(offOrigin, 403, `Comments for site "${s.slug}" are not allowed on https://evil.example.`, null);
    });

    it('a filled honeypot is kept out of sight, with the same redirect, never a 500', async () => {
      const s = await site();
      const answer = await postForm(wordpressForm(s, { homepage: 'https://spam.example' }));
      expect(answer.status).toBe(303);
      const [stored] = await storedComments(s);
      expect(stored.status).toBe('spam');
      expect(answer.headers.get('location')).toBe(`${ARTICLE}#comment-${stored.id}`);
      expect((await reader.thread(s, ARTICLE)).comments).toEqual([]);
    });

    it('without a form token the time-to-submit check holds the comment when the site asks for one', async () => {
      const s = await site({ minSubmitSeconds: 3 });
      expect((await postForm(wordpressForm(s))).status).toBe(303);
      const [stored] = await storedComments(s);
      expect(stored.status).toBe('pending');
    });

    it('fields the form does not know are ignored, and no JSON route reads a form body', async () => {
      const s = await site();
      const answer = await postForm({
        ...wordpressForm(s),
        'wp-comment-cookies-consent': 'yes',
        akismet_comment_nonce: 'abc',
        redirect_to: 'https://evil.example/',
      });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toMatch(new RegExp(`^${ARTICLE}#comment-\\d+$`));
      const json: HttpAnswer<unknown> = await kolom.request('POST', '/api/v1/comments', new URLSearchParams(wordpressForm(s)).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(json.status).toBe(400);
      expect(await storedComments(s)).toHaveLength(1);
    });
  });

  describe('in Chromium with JavaScript off', () => {
    let news: Server;
    let origin: string;
    let chromiumSite: Site;

    /** A news site that includes the fragment in its article pages, fetched on each request, as a site's server would. */
    beforeAll(async () => {
      news = createServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://host').pathname;
        if (request.method !== 'GET' || !path.startsWith('/story/')) {
          response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
          return;
        }
        const url = origin + path;
        // As a WordPress theme does: the reply link's ?replytocom=ID reaches the comment form.
        const replytocom = new URL(request.url ?? '/', 'http://host').searchParams.get('replytocom') ?? undefined;
        void fetch(`${kolom.baseUrl}${withQuery('/embed/thread', { site: chromiumSite.slug, url, replytocom })}`)
          .then((answer) => answer.text())
          .then((thread) => {
            response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
            response.end(
              `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Night buses return</title></head>` +
                `<body><article><h1>Night buses return to five routes</h1><p>The story.</p></article>` +
                `<div id="kolom-thread">${thread}</div>` +
                // The same page for every reader: with JavaScript on, the widget takes over the thread.
                `<script src="${kolom.baseUrl}/embed.js" data-site="${chromiumSite.slug}" async></script></body></html>`,
            );
          });
      });
      await new Promise<void>((resolve) => news.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(news.address() as AddressInfo).port}`;
      chromiumSite = await kolom.app.get(SitesService).create({
        slug: `no-js-${process.pid}`,
        origins: [origin],
        settings: { floodSeconds: 0, minSubmitSeconds: 0, newArticlesPerHour: 0 },
      });
    });
    afterAll(async () => {
      news?.closeAllConnections();
      await new Promise<void>((resolve) => (news ? news.close(() => resolve()) : resolve()));
    });

    it('a reader sees the comments, posts the form, lands back on the article at #comment-ID and sees the comment', async () => {
      const path = `/story/night-buses-${Date.now()}`;
      await reader.publish(chromiumSite, { url: origin + path, body: 'Already here before you.', name: 'Ayu' });
      const visitor = await readers.add({ javaScriptEnabled: false });
      const page = await visitor.open(origin + path);
      expect((await page.locator('#kolom-thread li.kolom-comment .kolom-body').innerText()).trim()).toBe('Already here before you.');

      await page.fill('#kolom-comment', 'Typed with JavaScript off.');
      await page.fill('#kolom-author', 'Rina');
      await page.fill('#kolom-email', 'rina@example.org');
      await Promise.all([page.waitForURL(/#comment-\d+$/, { timeout: WAIT_MS }), page.click('button.kolom-submit')]);

      const landed = new URL(page.url());
      expect(landed.origin + landed.pathname).toBe(origin + path);
      const id = landed.hash.slice(1);
      const mine = page.locator(`article#${id}`);
      expect((await mine.locator('.kolom-body').innerText()).trim()).toBe('Typed with JavaScript off.');
      expect((await mine.locator('.kolom-author').innerText()).trim()).toBe('Rina');
      expect(visitor.errors).toEqual([]);
    });

    it('a reader replies through the Reply link and finds the reply under the comment it answers', async () => {
      const path = `/story/replies-${Date.now()}`;
      const first = await reader.publish(chromiumSite, { url: origin + path, body: 'Which depot do they start from?', name: 'Ayu' });
      const page = await (await readers.add({ javaScriptEnabled: false })).open(origin + path);
      await Promise.all([page.waitForURL(/replytocom=/, { timeout: WAIT_MS }), page.click(`#comment-${first.comment.id} a.kolom-reply`)]);
      expect((await page.locator('#reply-title').innerText()).trim()).toBe('Reply to Ayu Cancel reply');

      await page.fill('#kolom-comment', 'Harmoni, from midnight.');
      await page.fill('#kolom-author', 'Rina');
      await page.fill('#kolom-email', 'rina@example.org');
      await Promise.all([page.waitForURL(/#comment-\d+$/, { timeout: WAIT_MS }), page.click('button.kolom-submit')]);
      const id = new URL(page.url()).hash.slice(1);
      expect(new URL(page.url()).search).toBe('');
      const nested = page.locator(`article#comment-${first.comment.id} ~ ol.kolom-children > li > article#${id}`);
      expect((await nested.locator('.kolom-body').innerText()).trim()).toBe('Harmoni, from midnight.');
    });

    it('with JavaScript on, the widget replaces the fragment with the live thread', async () => {
      const path = `/story/upgrade-${Date.now()}`;
      await reader.publish(chromiumSite, { url: origin + path, body: 'Seen by both.' });
      const page = await (await readers.add()).open(origin + path);
      await rendered(page);
      expect(await page.locator('#kolom-thread > section.kolom-static').count()).toBe(0);
      // Light DOM only: the fragment is gone, and the one comment left is the widget's, in its shadow root.
      expect(await page.evaluate("document.querySelectorAll('#kolom-thread > *').length")).toBe(0);
      expect(await page.locator('#kolom-thread li.kolom-comment').count()).toBe(1);
      expect((await page.locator('#kolom-thread li.kolom-comment .kolom-body').innerText()).trim()).toBe('Seen by both.');
    });
  });
});
