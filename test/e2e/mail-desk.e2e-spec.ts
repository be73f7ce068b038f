import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { keepPagesAsArtifacts, launchChromium, type Reader, Readers } from '../support/browser.js';
import { deskItem, openDesk } from '../support/desk-page.js';
import { hiddenField, linkTo, TestMailServer } from '../support/mail-server.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { eventually, text, WAIT_MS } from '../support/widget-page.js';

/**
 * The desk's side of issue 18 (email), in a real browser: a moderator's choice of email about held
 * comments (each, a digest every N minutes, none) under "Email settings", the badge of an author
 * who proved their address, and a reader's erasure in the audit log.
 *
 * Everything goes through the real API and a real SMTP server: the settings through GET /session
 * and PATCH /session/mail; the verified author and the erasure through the links Kolom emails.
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
  replyMailMinutes: 'Reply emails at most every (minutes)',
  id: { mailSettings: 'Pengaturan email', legend: 'Email tentang komentar yang ditahan' },
};

let addressCounter = 0;
const newAddress = (name: string) => `${name}-${process.pid}-${++addressCounter}@readers.example`;

/** A form POST as a browser sends it from one of Kolom's pages. */
async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  return { status: answer.status, html: await answer.text() };
}

describe('email settings and signs of email in the moderation desk, in Chromium', () => {
  let browser: Browser;
  let mail: TestMailServer;
  let kolom: TestKolom;
  let site: Site;
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'mail-desk', 'email settings and signs of email in the moderation desk, in Chromium');

  beforeAll(async () => {
    mail = await TestMailServer.start();
    [browser, kolom] = await Promise.all([
      launchChromium(),
      startKolom({ SMTP_URL: mail.url, MAIL_FROM: 'Kolom <comments@news.example>', MAIL_RETRY_SECONDS: '1' }),
    ]);
    site = await kolom.app
      .get(SitesService)
      .create({ slug: 'harian-kota', origins: ['https://news.example'], settings: { floodSeconds: 0, minSubmitSeconds: 0, premoderation: 'all' } });
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await kolom?.close();
    await mail?.stop();
  });

  const desk = async (account: Moderator & SignedInModerator, route = '', reader?: Reader): Promise<Page> =>
    openDesk(reader ?? (await readers.add()), kolom.baseUrl, account, route);
  const heldMailOf = async (account: Moderator) => {
    const answer = await account.session();
    expect(answer.status).toBe(200);
    const { heldMail, heldMailMinutes } = answer.body.moderator;
    return { heldMail, heldMailMinutes };
  };
  /** A link from an email, on the test's Kolom: links carry the configured public host, not its free port. */
  const onKolom = (link: string) => {
    const { pathname, search } = new URL(link);
    return `${kolom.baseUrl}${pathname}${search}`;
  };
  /** Follows the confirmation email to `address` as a reader does; answers the reader token the page hands back. */
  const confirmByMail = async (address: string): Promise<string> => {
    const [message] = await mail.waitFor(address);
    const page = await fetch(onKolom(linkTo(message, '/mail/confirm')));
    const done = await postForm(`${kolom.baseUrl}/mail/confirm`, { token: hiddenField(await page.text(), 'token') });
    expect(done.status).toBe(200);
    return /#kolom-reader=([A-Za-z0-9_.-]+)/.exec(done.html)![1];
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

  it('an author who proved their address has a "Verified email" badge explaining it; one who merely typed it has none', async () => {
    const url = 'https://news.example/city/ferry';
    const rina = newAddress('rina');
    await http.post(site, { url, name: 'Rina', email: rina, body: 'Rina asks to hear about replies.', notifyReplies: true });
    const readerToken = await confirmByMail(rina);
    await http.post(site, { url, name: 'Rina', email: rina, body: 'Verified Rina asks about ferries.', readerToken });
    // The same address typed by someone without the token proves nothing.
    await http.post(site, { url, name: 'Not Rina', email: rina, body: 'Someone else using Rina’s address.' });
    const admin = await signInModerator(kolom, 'admin');
    const page = await desk(admin);

    const badge = deskItem(page, 'Verified Rina asks about ferries.').locator('.desk-verified');
    await badge.waitFor({ timeout: WAIT_MS });
    expect(await text(badge)).toBe(WORDS.verified);
    expect(await badge.getAttribute('title')).toBe(WORDS.verifiedWhy);
    // Beside the address it vouches for.
    expect(await deskItem(page, 'Verified Rina asks about ferries.').locator('.desk-email + .desk-verified').count()).toBe(1);
    expect(await deskItem(page, 'Someone else using Rina’s address.').locator('.desk-verified').count()).toBe(0);
    await shoot(page, 'verified badge');
  });

  it('a reader\'s erasure through the emailed link reads "Reader erased their comments (2)" in the audit log, by Kolom', async () => {
    const url = 'https://news.example/city/privacy';
    const sari = newAddress('sari');
    await http.post(site, { url, name: 'Sari', email: sari, body: 'First of two comments to erase.' });
    await http.post(site, { url, name: 'Sari', email: sari, body: 'Second of two comments to erase.' });
    expect((await postForm(`${kolom.baseUrl}/privacy`, { site: site.slug, email: sari, kind: 'erase' })).status).toBe(200);
    const [message] = await mail.waitFor(sari);
    const erasePage = await fetch(onKolom(linkTo(message, '/privacy/erase')));
    expect((await postForm(`${kolom.baseUrl}/privacy/erase`, { token: hiddenField(await erasePage.text(), 'token') })).status).toBe(200);

    const admin = await signInModerator(kolom, 'admin');
    const page = await desk(admin, '#/admin/audit');
    const row = page.locator('table.desk-audit tr', { hasText: WORDS.erased(2) });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await text(row.locator('td').nth(1))).toBe('Kolom');
    await shoot(page, 'erasure');
  });

  it('an admin sets how often reply emails may go in the site settings, in minutes that may have a fraction', async () => {
    const admin = await signInModerator(kolom, 'admin');
    const page = await desk(admin, '#/admin/sites');
    const minutes = page.getByLabel(WORDS.replyMailMinutes);
    await minutes.waitFor({ timeout: WAIT_MS });
    expect(await minutes.getAttribute('id')).toBe(`site-${site.slug}-replyMailMinutes`);
    expect(await minutes.inputValue()).toBe(String(site.settings.replyMailMinutes ?? 10));
    await minutes.fill('2.5');
    await page.locator(`form[data-site="${site.slug}"] button[type="submit"]`).click();
    await eventually(async () => expect((await admin.sites()).body.find((s) => s.slug === site.slug)?.settings.replyMailMinutes).toBe(2.5));

    await minutes.fill('1441');
    await page.locator(`form[data-site="${site.slug}"] button[type="submit"]`).click();
    await eventually(async () => expect(await text(page.locator(`#site-${site.slug}-replyMailMinutes-error`))).toBe('Enter a number from 0 to 1440.'));
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
