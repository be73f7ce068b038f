import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { SitesService } from '../../src/sites/sites.service.js';
import { keepPagesAsArtifacts, launchChromium, type Reader, Readers } from '../support/browser.js';
import { openDesk } from '../support/desk-page.js';
import { expectStatus } from '../support/http.js';
import { bearer, logIn, type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { eventually, text, WAIT_MS } from '../support/widget-page.js';

/**
 * Issue 19's "Sites from the desk" in a real browser: an admin adds a site, changes its origins
 * (the removal asked on the button itself) and a moderator's sites, and the API, readers and the
 * moderator see each change at once.
 */

jest.setTimeout(60_000);

describe('sites and accounts from the desk in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let admin: Moderator & SignedInModerator;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'desk-sites-accounts', 'sites and accounts from the desk in Chromium');

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    await kolom.app.get(SitesService).create({ slug: 'harian-kota', name: 'Harian Kota', origins: ['https://news.example'] });
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await kolom?.close();
  });

  const openAdmin = async (tab: string): Promise<{ reader: Reader; page: Page }> => {
    const reader = await readers.add();
    const page = await openDesk(reader, kolom.baseUrl, admin);
    await page.click(`a.desk-tab[href="#/admin/${tab}"]`);
    await page.locator(`section.desk-admin-${tab}`).waitFor({ timeout: WAIT_MS });
    return { reader, page };
  };
  const toast = (page: Page) => page.locator('.desk-toast-text');
  const sees = async (locator: Locator, expected: string) => eventually(async () => expect(await text(locator)).toBe(expected));
  /** Console errors, less the refusals the test asked for (Chromium logs every 4xx of a fetch). */
  const unexpected = (reader: Reader, ...statuses: number[]) =>
    reader.errors.filter((error) => !statuses.some((status) => error.includes(`the server responded with a status of ${status}`)));
  const siteOf = async (slug: string) => (await admin.sites()).body.find((s) => s.slug === slug);

  it('an admin adds a site and changes its origins; readers follow at once', async () => {
    const { reader, page } = await openAdmin('sites');
    await page.fill('#desk-new-site-slug', 'Koran Pagi');
    await page.fill('#desk-new-site-origins', 'https://koran.example');
    await page.click('#desk-new-site button[type="submit"]');
    await sees(page.locator('#desk-new-site-slug-error'), '"Koran Pagi" is not a valid slug: use 1 to 64 lower-case letters, digits and dashes.');

    await page.fill('#desk-new-site-slug', 'koran-pagi');
    await page.fill('#desk-new-site-name', 'Koran Pagi');
    await page.fill('#desk-new-site-origins', 'https://koran.example\n\nhttps://amp.koran.example\n');
    await page.click('#desk-new-site button[type="submit"]');
    await sees(toast(page), 'koran-pagi added. Its embed code uses data-site="koran-pagi".');
    const form = page.locator('form.desk-site-settings[data-site="koran-pagi"]');
    await form.waitFor({ timeout: WAIT_MS });
    expect(await text(form.locator('h3'))).toBe('Koran Pagi');
    expect(await page.inputValue('#site-koran-pagi-origins')).toBe('https://koran.example\nhttps://amp.koran.example');
    expect(await siteOf('koran-pagi')).toMatchObject({ name: 'Koran Pagi', origins: ['https://koran.example', 'https://amp.koran.example'] });
    expect(await page.inputValue('#desk-new-site-slug')).toBe('');

    // The same slug again is refused beside it.
    await page.fill('#desk-new-site-slug', 'koran-pagi');
    await page.fill('#desk-new-site-origins', 'https://other.example');
    await page.click('#desk-new-site button[type="submit"]');
    await sees(page.locator('#desk-new-site-slug-error'), 'There is already a site with this slug.');

    // A reader on the AMP host comments at once (new articles unlimited, as readers here start several).
    expectStatus(await admin.changeSite('koran-pagi', { newArticlesPerHour: 0, floodSeconds: 0, minSubmitSeconds: 0 }), 200);
    expectStatus(await readerOf(kolom).tryPost({ slug: 'koran-pagi' }, { url: 'https://amp.koran.example/berita/1' }), 201);

    // Dropping an origin asks on the button first; the second save saves.
    await page.fill('#site-koran-pagi-name', 'Koran Pagi Raya');
    await page.fill('#site-koran-pagi-origins', 'https://www.koran.example\nhttps://amp.koran.example');
    const save = form.locator('button[type="submit"]');
    await save.click();
    await sees(save, 'Save again: pages on https://koran.example stop taking comments');
    expect((await siteOf('koran-pagi'))?.origins).toEqual(['https://koran.example', 'https://amp.koran.example']);
    await save.click();
    await sees(toast(page), 'Koran Pagi Raya: settings saved.');
    expect(await text(save)).toBe('Save settings');
    expect(await text(form.locator('h3'))).toBe('Koran Pagi Raya');
    expect(await siteOf('koran-pagi')).toMatchObject({ name: 'Koran Pagi Raya', origins: ['https://www.koran.example', 'https://amp.koran.example'] });
    expect((await readerOf(kolom).tryPost({ slug: 'koran-pagi' }, { url: 'https://koran.example/berita/2' })).status).toBe(403);
    expectStatus(await readerOf(kolom).tryPost({ slug: 'koran-pagi' }, { url: 'https://www.koran.example/berita/2' }), 201);

    // No origin at all is refused beside the field.
    await page.fill('#site-koran-pagi-origins', '');
    await save.click();
    await save.click();
    await sees(page.locator('#site-koran-pagi-origins-error'), 'Enter at least one origin, such as https://news.example.com.');
    await shoot(page, 'origins refused');

    const entries = (await admin.audit({ limit: 20 })).body.entries.map((e) => e.action);
    expect(entries).toEqual(expect.arrayContaining(['site.create', 'site.change']));
    expect(unexpected(reader, 400, 409)).toEqual([]);
  });

  it("an admin changes a moderator's sites; the moderator signs in again and works on the new ones", async () => {
    await kolom.app.get(SitesService).create({ slug: 'warta-desa', name: 'Warta Desa', origins: ['https://desa.example'] });
    const harian = await kolom.app.get(SitesService).getBySlug('harian-kota');
    const moderator = await signInModerator(kolom, 'moderator', [harian]);
    const { reader, page } = await openAdmin('moderators');
    const row = page.locator(`table.desk-moderators tr[data-id="${moderator.id}"]`);
    const edit = row.locator('button', { hasText: 'Edit' });
    expect(await edit.getAttribute('aria-label')).toBe(`Edit the role and sites of ${moderator.email}`);
    await edit.click();
    const form = page.locator('#desk-edit-moderator');
    await form.waitFor({ timeout: WAIT_MS });
    expect(await text(form.locator('h3'))).toBe(`Role and sites of ${moderator.email}`);
    expect(await page.isChecked('#desk-edit-moderator-site-harian-kota')).toBe(true);
    expect(await page.isChecked('#desk-edit-moderator-site-warta-desa')).toBe(false);

    // No site at all is refused beside the boxes.
    await page.uncheck('#desk-edit-moderator-site-harian-kota');
    await form.locator('button[type="submit"]').click();
    await sees(page.locator('#desk-edit-moderator-sites-error'), 'A moderator needs at least one site (admins see every site).');

    await page.check('#desk-edit-moderator-site-warta-desa');
    await form.locator('button[type="submit"]').click();
    await sees(toast(page), `${moderator.email}: role and sites saved; their sessions have ended.`);
    expect(await form.isHidden()).toBe(true);
    await eventually(async () => expect((await row.locator('td').nth(3).textContent())?.trim()).toBe('warta-desa'));
    expect((await admin.moderators()).body.find((m) => m.id === moderator.id)?.sites).toEqual(['warta-desa']);
    // The old session has ended; signed in again, the queue of the new site opens and the old one does not.
    expect((await moderator.queue()).status).toBe(401);
    const again = moderatorOf(kolom, bearer(expectStatus(await logIn(kolom, { email: moderator.email, password: moderator.password }), 200).body.token));
    expect((await again.queue({ site: 'warta-desa' })).status).toBe(200);
    expect((await again.queue({ site: 'harian-kota' })).status).toBe(404);
    const [entry] = (await admin.audit({ limit: 20 })).body.entries.filter((e) => e.action === 'moderator.change');
    expect(entry.detail).toMatchObject({ moderatorId: moderator.id, sites: { from: ['harian-kota'], to: ['warta-desa'] } });

    // The log shows the change in words.
    await page.click('a.desk-tab[href="#/admin/audit"]');
    const line = page.locator('table.desk-audit tr', { hasText: 'Changed an account’s role or sites' }).first();
    await line.waitFor({ timeout: WAIT_MS });
    expect(await text(line)).toContain('Sites: harian-kota → warta-desa');
    expect(unexpected(reader, 400)).toEqual([]);
  });
});
