import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { launchChromium, type NewsHost, Readers, startNewsHost } from '../support/browser.js';
import { openDesk } from '../support/desk-page.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, eventually, rendered, text, WAIT_MS } from '../support/widget-page.js';

jest.setTimeout(60_000);

/** From the desk's article view to an article page open in another browser: staff reply, pin and redaction, live. */
describe("the newsroom's tools in the desk, seen live on the article page, in Chromium", () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let site: Site;
  let admin: SignedInModerator;
  const readers = new Readers(() => browser);

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    site = await kolom.app
      .get(SitesService)
      .create({ slug: 'suara-warga', name: 'Suara Warga', origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    admin = await kolom.signIn('admin');
  });
  afterAll(async () => {
    await readers.closeAll();
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  it('a staff reply, a pin and a redaction made in the desk reach the open article page at once', async () => {
    const article = host.publish({ site: site.slug });
    const reader = readerOf(kolom);
    const question = await reader.publish(site, { url: article.canonical, body: 'Is the market open on Sunday?' });
    const rude = await reader.publish(site, { url: article.canonical, body: 'Call me on 0812 3456 7890 for cheap tickets.' });
    const page = await (await readers.add()).open(article.url);
    await rendered(page);

    const desk = await openDesk(await readers.add(), kolom.baseUrl, admin, `#/articles/${question.comment.articleId}`);
    const deskComment = (id: number) => desk.locator(`li.desk-thread-comment[data-id="${id}"]`).first();
    await deskComment(question.comment.id).waitFor({ timeout: WAIT_MS });

    // Reply as staff.
    await deskComment(question.comment.id).getByRole('button', { name: 'Reply as staff' }).first().click();
    await desk.locator('form.desk-newsroom-form textarea').fill('Yes, from 7 until noon.');
    await desk.getByRole('button', { name: 'Post reply' }).click();
    const staffReply = commentWith(page, 'Yes, from 7 until noon.');
    await staffReply.waitFor({ timeout: WAIT_MS });
    expect(await text(staffReply.locator('.kolom-author').first())).toBe('Suara Warga');
    expect(await text(staffReply.locator('.kolom-staff').first())).toBe('Staff');

    // Pin the second comment: it moves to the top of the open page, marked.
    await deskComment(rude.comment.id).waitFor({ timeout: WAIT_MS });
    await deskComment(rude.comment.id).getByRole('button', { name: 'Pin', exact: true }).click();
    await eventually(async () => {
      expect(await page.locator('ol.kolom-comments > li.kolom-comment').first().getAttribute('data-id')).toBe(String(rude.comment.id));
      expect(await page.locator(`li[data-id="${rude.comment.id}"] .kolom-pinned`).count()).toBe(1);
    });

    // Redact it: the new text, marked, without a reload.
    await deskComment(rude.comment.id).getByRole('button', { name: 'Edit text' }).click();
    await desk.locator('form.desk-newsroom-form textarea').fill('Call me on [number removed] for cheap tickets.');
    await desk.getByRole('button', { name: 'Save text' }).click();
    const redacted = commentWith(page, 'Call me on [number removed] for cheap tickets.');
    await redacted.waitFor({ timeout: WAIT_MS });
    expect(await text(redacted.locator('.kolom-moderator-edited').first())).toBe('edited by a moderator');
    expect(await page.locator('body').innerText()).not.toContain('0812 3456 7890');

    // An editor's pick, and the readers' filter that shows the picks alone.
    await deskComment(question.comment.id).getByRole('button', { name: "Editor's pick", exact: true }).first().click();
    await eventually(async () => expect(await page.locator(`li[data-id="${question.comment.id}"] .kolom-pick`).count()).toBe(1));
    await page.getByRole('button', { name: "Editor's picks" }).click();
    await eventually(async () => {
      const ids = await page.locator('ol.kolom-comments > li.kolom-comment').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
      expect(ids).toEqual([String(question.comment.id)]);
    });
    expect(await page.getByRole('button', { name: "Editor's picks" }).getAttribute('aria-pressed')).toBe('true');
  });
});
