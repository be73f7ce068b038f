import { jest } from '@jest/globals';
import type { Browser, Page, Route } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { keepPagesAsArtifacts, launchChromium, type Reader, Readers } from '../support/browser.js';
import { deskItem, openDesk } from '../support/desk-page.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { eventually, text, WAIT_MS } from '../support/widget-page.js';

/**
 * The desk's side of issue 18 (email), in a real browser: a moderator's choice of email about held
 * comments (each, a digest every N minutes, none) under "Email settings", the badge of an author
 * who proved their address, and a reader's erasure in the audit log.
 *
 * The settings go through the real API (GET /session, PATCH /session/mail). A verified author and
 * an erasure need a reader to follow an emailed link; here the queue's and the audit log's answers
 * are given one on their way to the page, which is what the desk reads.
 */

jest.setTimeout(60_000);

const WORDS = {
  mailSettings: 'Email settings',
  legend: 'Email about held comments',
  each: 'Each held comment',
  digest: (minutes: number) => `A digest every ${minutes} minutes`,
  none: 'None',
  minutes: 'Minutes between digests',
  saved: 'Your email settings are saved.',
  notSaved: 'Your email settings were not saved.',
  verified: 'Verified email',
  verifiedWhy: 'The author proved this address by a link Kolom emailed to it.',
  erased: (count: number) => `Reader erased their comments (${count})`,
  id: { mailSettings: 'Pengaturan email', legend: 'Email tentang komentar yang ditahan' },
};

interface HeldMail {
  heldMail: 'each' | 'digest' | 'none';
  heldMailMinutes: number;
}

describe('email settings and signs of email in the moderation desk, in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let site: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'mail-desk', 'email settings and signs of email in the moderation desk, in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    site = await kolom.app
      .get(SitesService)
      .create({ slug: 'harian-kota', origins: ['https://news.example'], settings: { floodSeconds: 0, minSubmitSeconds: 0, premoderation: 'all' } });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await kolom?.close();
  });

  const desk = async (account: Moderator & SignedInModerator, route = '', reader?: Reader): Promise<Page> =>
    openDesk(reader ?? (await readers.add()), kolom.baseUrl, account, route);
  const heldMailOf = async (account: Moderator): Promise<HeldMail> => {
    const answer = await account.session();
    expect(answer.status).toBe(200);
    const { heldMail, heldMailMinutes } = answer.body.moderator as unknown as HeldMail;
    return { heldMail, heldMailMinutes };
  };
  const mailForm = (page: Page) => page.locator('form#account-mail');

  it('from the header\'s "Email settings", a moderator picks a digest every 30 minutes; it is saved, said, and shown again after a reload', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const before = await heldMailOf(moderator);
    const page = await desk(moderator);
    await page.click('a.desk-mail-settings');
    await mailForm(page).waitFor({ timeout: WAIT_MS });
    expect(await text(page.locator('.desk-account-mail h2'))).toBe(WORDS.mailSettings);
    expect(await text(mailForm(page).locator('legend'))).toBe(WORDS.legend);
    // The form starts from what the server has.
    expect(await page.locator(`#account-mail-${before.heldMail}`).isChecked()).toBe(true);
    expect(await page.getByLabel(WORDS.minutes).inputValue()).toBe(String(before.heldMailMinutes));
    expect(await page.getByLabel(WORDS.each).getAttribute('type')).toBe('radio');
    expect(await page.getByLabel(WORDS.none).getAttribute('type')).toBe('radio');

    await page.getByLabel(WORDS.minutes).fill('30');
    await page.getByLabel(WORDS.digest(30)).check();
    await shoot(page, 'digest chosen');
    await mailForm(page).locator('button[type="submit"]').click();
    await eventually(async () => expect(await text(page.locator('.desk-status'))).toContain(WORDS.saved));
    expect(await heldMailOf(moderator)).toEqual({ heldMail: 'digest', heldMailMinutes: 30 });

    await page.reload();
    await mailForm(page).waitFor({ timeout: WAIT_MS });
    expect(await page.getByLabel(WORDS.digest(30)).isChecked()).toBe(true);
    expect(await page.getByLabel(WORDS.minutes).inputValue()).toBe('30');

    await page.getByLabel(WORDS.none).check();
    await mailForm(page).locator('button[type="submit"]').click();
    await eventually(async () => expect((await heldMailOf(moderator)).heldMail).toBe('none'));
  });

  it("a digest interval out of bounds is refused with the server's message beside the field, and nothing changes", async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const before = await heldMailOf(moderator);
    const page = await desk(moderator, '#/account/mail');
    await mailForm(page).waitFor({ timeout: WAIT_MS });
    await page.getByLabel(WORDS.minutes).fill('1441');
    await page.getByLabel(WORDS.digest(1441)).check();
    await mailForm(page).locator('button[type="submit"]').click();

    const minutes = page.getByLabel(WORDS.minutes);
    await eventually(async () => expect(await minutes.getAttribute('aria-invalid')).toBe('true'));
    expect(await text(page.locator('#account-mail-minutes-error'))).not.toBe('');
    expect(await page.evaluate('document.activeElement?.id')).toBe('account-mail-minutes');
    expect(await text(page.locator('.desk-status'))).toContain(WORDS.notSaved);
    expect(await heldMailOf(moderator)).toEqual(before);
    await shoot(page, 'refused');
  });

  it('an author who proved their address has a "Verified email" badge explaining it; others have none', async () => {
    const verified = await http.post(site, {
      url: 'https://news.example/city/ferry',
      name: 'Rina',
      email: 'rina@example.org',
      body: 'Verified Rina asks about ferries.',
    });
    await http.post(site, { url: 'https://news.example/city/ferry', name: 'Budi', email: 'budi@example.org', body: 'Budi, never confirmed, asks too.' });
    const admin = await signInModerator(kolom, 'admin');
    const reader = await readers.add();
    await reader.context.route(
      (url) => url.pathname === '/api/v1/moderation/queue',
      async (route: Route) => {
        const response = await route.fetch();
        const page = (await response.json()) as { items: Array<{ id: number; author: Record<string, unknown> }> };
        for (const item of page.items) item.author.verified = item.id === verified.comment.id;
        await route.fulfill({ response, json: page });
      },
    );
    const page = await desk(admin, '', reader);
    const badge = deskItem(page, 'Verified Rina asks about ferries.').locator('.desk-verified');
    await badge.waitFor({ timeout: WAIT_MS });
    expect(await text(badge)).toBe(WORDS.verified);
    expect(await badge.getAttribute('title')).toBe(WORDS.verifiedWhy);
    // Beside the address it vouches for.
    expect(await deskItem(page, 'Verified Rina asks about ferries.').locator('.desk-email + .desk-verified').count()).toBe(1);
    expect(await deskItem(page, 'Budi, never confirmed, asks too.').locator('.desk-verified').count()).toBe(0);
    await shoot(page, 'verified badge');
  });

  it('a reader\'s erasure reads "Reader erased their comments (N)" in the audit log, by Kolom', async () => {
    const admin = await signInModerator(kolom, 'admin');
    const reader = await readers.add();
    await reader.context.route(
      (url) => url.pathname === '/api/v1/moderation/audit',
      async (route: Route) => {
        const response = await route.fetch();
        const page = (await response.json()) as { entries: unknown[] };
        const erasure = { id: 999_999, at: new Date().toISOString(), action: 'erase', moderator: null, siteId: site.id, commentId: null, articleId: null };
        page.entries.unshift({ ...erasure, from: null, to: null, note: null, detail: { comments: 3 } });
        await route.fulfill({ response, json: page });
      },
    );
    const page = await desk(admin, '#/admin/audit', reader);
    const row = page.locator('table.desk-audit tr', { hasText: WORDS.erased(3) });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await text(row.locator('td').nth(1))).toBe('Kolom');
  });

  it('in Bahasa Indonesia and 360 px wide: the header link and the form', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const reader = await readers.add({ locale: 'id-ID', viewport: { width: 360, height: 740 } });
    const page = await desk(moderator, '', reader);
    // The header's one more link still fits a phone's width.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.getByRole('link', { name: WORDS.id.mailSettings }).click();
    await mailForm(page).waitFor({ timeout: WAIT_MS });
    expect(await text(mailForm(page).locator('legend'))).toBe(WORDS.id.legend);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shoot(page, 'Indonesian form');
  });
});
