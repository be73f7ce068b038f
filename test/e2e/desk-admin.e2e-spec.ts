import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { keepPagesAsArtifacts, launchChromium, type Reader, Readers } from '../support/browser.js';
import { choosePasswordThroughForm, type DeskAccount, openDesk, signInThroughForm } from '../support/desk-page.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader as HttpReader, readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { eventually, text, WAIT_MS } from '../support/widget-page.js';

/**
 * The desk's administration screens in a real browser: site settings, moderator accounts, bans and
 * the audit log, driven the way an admin or a moderator drives them (typing, clicking, the keyboard)
 * and checked against the moderation API, which is where the changes must land.
 */

jest.setTimeout(60_000);

const MESSAGES = {
  depthRange: 'Enter a whole number from 1 to 10.',
  floodRange: 'Enter a whole number from 0 to 3600.',
  languageTag: 'Enter a language tag such as en or id.',
  noSite: 'A moderator needs at least one site (admins see every site).',
  shortPassword: 'A password needs at least 12 characters.',
  emailTaken: 'There is already an account with this email.',
  lastAdmin: 'This is the only admin: make another admin before removing this one.',
  badIp: 'An IP ban needs an address or a range such as 203.0.113.0/24.',
  pastExpiry: 'Pick a time in the future.',
};

describe('the desk administration screens in Chromium', () => {
  let browser: Browser;
  let kolom: TestKolom;
  let site: Site;
  /** Holds every comment, and one reader report takes a published comment down. */
  let otherSite: Site;
  let admin: Moderator & SignedInModerator;
  /** Comments posted and reported through the public API, as readers' browsers send them. */
  let http: HttpReader;
  const readers = new Readers(() => browser);
  const { shoot } = keepPagesAsArtifacts(readers, 'desk-admin', 'the desk administration screens in Chromium');
  let commentCounter = 0;

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    const sites = kolom.app.get(SitesService);
    const quick = { floodSeconds: 0, minSubmitSeconds: 0 };
    site = await sites.create({ slug: 'harian-kota', name: 'Harian Kota', origins: ['https://news.example'], settings: quick });
    otherSite = await sites.create({
      slug: 'warta-desa',
      name: 'Warta Desa',
      origins: ['https://news.example'],
      settings: { ...quick, premoderation: 'all', flagThreshold: 1 },
    });
    admin = await signInModerator(kolom, 'admin');
    http = readerOf(kolom);
  });
  afterAll(async () => {
    await browser?.close();
    await kolom?.close();
  });

  const settingsOf = async (slug: string) => (await admin.sites()).body.find((s) => s.slug === slug)?.settings;
  /** Signs in at /moderate in a browser context of its own and opens an administration tab. */
  const openAdmin = async (account: DeskAccount, tab?: string, viewport?: { width: number; height: number }): Promise<{ reader: Reader; page: Page }> => {
    const reader = await readers.add(viewport ? { viewport } : {});
    const page = await openDesk(reader, kolom.baseUrl, account);
    if (tab) await goTo(page, tab);
    return { reader, page };
  };
  const goTo = async (page: Page, tab: string) => {
    await page.click(`a.desk-tab[href="#/admin/${tab}"]`);
    await page.locator(`section.desk-admin-${tab}`).waitFor({ timeout: WAIT_MS });
  };
  const toast = (page: Page) => page.locator('.desk-toast-text');
  const sees = async (locator: Locator, expected: string) => eventually(async () => expect(await text(locator)).toBe(expected));
  const cells = (row: Locator) => row.locator('td').evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').trim()));
  /**
   * What the page reported, less the refusals the test asked for: Chromium logs every answered
   * 4xx of a fetch as a console error. CSP and Trusted Types violations stay in.
   */
  const unexpected = (reader: Reader, ...statuses: number[]) =>
    reader.errors.filter((error) => !statuses.some((status) => error.includes(`the server responded with a status of ${status}`)));
  const focusedId = (page: Page) => page.locator(':focus').getAttribute('id');
  /** Whether keyboard focus is on or inside what the selector names. */
  const focusIn = async (page: Page, selector: string) => (await page.locator(`${selector}:focus, ${selector} :focus`).count()) === 1;
  const values = (options: Locator) => options.evaluateAll((list) => list.map((option) => option.getAttribute('value')));
  /** Same-document navigation, as a moderator following a link within the desk. */
  const follow = (page: Page, hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  const held = async (onSite: Site, count: number): Promise<number[]> => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const posted = await http.post(onSite, { url: `https://news.example/desa/story-${++commentCounter}` });
      ids.push(posted.comment.id);
    }
    return ids;
  };

  it('an admin changes a site’s settings: only what changed is sent, and it is kept', async () => {
    const { reader, page } = await openAdmin(admin, 'sites');
    const form = page.locator(`form.desk-form[data-site="${site.slug}"]`);
    expect(await text(form.locator('h3'))).toBe('Harian Kota');
    expect(await page.locator('section.desk-admin-sites form.desk-site-settings').count()).toBe(2);
    // The site's name and origins, then every setting, each a labelled control named for it.
    const keys = [
      'name',
      'origins',
      'premoderation',
      'maxLinks',
      'moderationWords',
      'blockedWords',
      'flagThreshold',
      'minSubmitSeconds',
      'floodSeconds',
      'maxDepth',
      'closeAfterDays',
      'articleParameters',
      'newArticlesPerHour',
      'editWindowMinutes',
      'replyMailMinutes',
      'signInRequired',
      'signInUrl',
      'reactionSymbol',
      'purgeSpamTrashDays',
      'keepAddressesDays',
      'locale',
    ];
    expect(await form.locator('[name]').evaluateAll((controls) => controls.map((c) => [c.getAttribute('name'), c.id]))).toEqual(
      keys.map((key) => [key, `site-${site.slug}-${key}`]),
    );
    for (const key of keys) expect(await form.locator(`label[for="site-${site.slug}-${key}"]`).count()).toBe(1);
    const depth = page.locator(`#site-${site.slug}-maxDepth`);
    expect([await depth.getAttribute('type'), await depth.getAttribute('min'), await depth.getAttribute('max'), await depth.inputValue()]).toEqual([
      'number',
      '1',
      '10',
      '5',
    ]);
    expect(await values(page.locator(`#site-${site.slug}-premoderation option`))).toEqual(['off', 'links', 'first-time', 'all']);
    expect(await page.locator(`#site-${site.slug}-moderationWords`).evaluate((e) => e.tagName)).toBe('TEXTAREA');

    const patches: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.postDataJSON());
    });
    await page.fill(`#site-${site.slug}-maxLinks`, '4');
    await page.selectOption(`#site-${site.slug}-premoderation`, 'links');
    await page.fill(`#site-${site.slug}-moderationWords`, 'casino\n  poker \n\ncasino');
    await form.locator('button[type="submit"]').click();
    await sees(toast(page), 'Harian Kota: settings saved.');
    expect(patches).toEqual([{ settings: { premoderation: 'links', maxLinks: 4, moderationWords: ['casino', 'poker'] } }]);
    expect(await settingsOf(site.slug)).toMatchObject({ premoderation: 'links', maxLinks: 4, moderationWords: ['casino', 'poker'], maxDepth: 5 });
    // The form shows the list as kept: one entry a line, the repeat gone.
    expect(await page.inputValue(`#site-${site.slug}-moderationWords`)).toBe('casino\npoker');

    // Saving again with nothing changed sends nothing.
    await form.locator('button[type="submit"]').click();
    await sees(toast(page), 'Nothing was changed.');
    expect(patches).toHaveLength(1);
    // Still there after a reload.
    await page.reload();
    await page.locator(`#site-${site.slug}-maxLinks`).waitFor({ timeout: WAIT_MS });
    expect(await page.inputValue(`#site-${site.slug}-maxLinks`)).toBe('4');
    expect(unexpected(reader)).toEqual([]);
  });

  it('an out-of-range number and a malformed language are refused beside their fields, and nothing is saved', async () => {
    const { reader, page } = await openAdmin(admin, 'sites');
    const form = page.locator(`form.desk-form[data-site="${otherSite.slug}"]`);
    const id = (key: string) => `#site-${otherSite.slug}-${key}`;
    await page.fill(id('maxDepth'), '11');
    await page.fill(id('locale'), 'Bahasa Indonesia');
    await form.locator('button[type="submit"]').click();
    // The server's refusal, in the desk's words, beside each field.
    await sees(page.locator(`${id('maxDepth')}-error`), MESSAGES.depthRange);
    expect(await text(page.locator(`${id('locale')}-error`))).toBe(MESSAGES.languageTag);
    expect(await page.getAttribute(id('maxDepth'), 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(id('maxDepth'), 'aria-describedby')).toContain(`site-${otherSite.slug}-maxDepth-error`);
    expect(await focusedId(page)).toBe(`site-${otherSite.slug}-maxDepth`);
    expect(await settingsOf(otherSite.slug)).toMatchObject({ maxDepth: 5, locale: 'en' });
    await shoot(page, 'refused');

    // An emptied number is caught before anything is sent (it would travel as null).
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    await page.fill(id('maxDepth'), '3');
    await page.fill(id('locale'), 'id');
    await page.fill(id('floodSeconds'), '');
    await form.locator('button[type="submit"]').click();
    await sees(page.locator(`${id('floodSeconds')}-error`), MESSAGES.floodRange);
    expect(await text(page.locator(`${id('maxDepth')}-error`))).toBe('');
    expect(patches).toEqual([]);

    await page.fill(id('floodSeconds'), '0');
    await form.locator('button[type="submit"]').click();
    await sees(toast(page), 'Warta Desa: settings saved.');
    expect(await page.locator(`${id('floodSeconds')}-error`).textContent()).toBe('');
    expect(await page.locator(`${id('maxDepth')}`).getAttribute('aria-invalid')).toBeNull();
    expect(await settingsOf(otherSite.slug)).toMatchObject({ maxDepth: 3, locale: 'id', floodSeconds: 0 });
    expect(unexpected(reader, 400)).toEqual([]);
  });

  it('an admin adds a moderator with a generated password, shown once; the new moderator signs in with it', async () => {
    const { reader, page } = await openAdmin(admin, 'moderators');
    const table = page.locator('table.desk-moderators');
    const mine = table.locator(`tr[data-id="${admin.id}"]`);
    await mine.waitFor({ timeout: WAIT_MS });
    expect((await cells(mine)).slice(0, 4)).toEqual([`${admin.email.split('@')[0]} (you)`, admin.email, 'Admin', 'All sites']);
    // The sites are asked only of a moderator.
    await page.selectOption('#desk-new-moderator-role', 'admin');
    expect(await page.locator('#desk-new-moderator-sites').isVisible()).toBe(false);
    await page.selectOption('#desk-new-moderator-role', 'moderator');
    expect(await page.locator('#desk-new-moderator-sites input[type="checkbox"]').count()).toBe(2);

    const email = 'rina.kusuma@newsroom.example';
    await page.fill('#desk-new-moderator-email', email);
    await page.fill('#desk-new-moderator-name', 'Rina Kusuma');
    await page.click('#desk-new-moderator button[type="submit"]');
    await sees(page.locator('#desk-new-moderator-sites-error'), MESSAGES.noSite);
    expect(await focusIn(page, '#desk-new-moderator-sites')).toBe(true);
    await page.check(`#desk-new-moderator-site-${site.slug}`);
    await page.fill('#desk-new-moderator-password', 'too short');
    await page.click('#desk-new-moderator button[type="submit"]');
    await sees(page.locator('#desk-new-moderator-password-error'), MESSAGES.shortPassword);
    expect(await text(page.locator('#desk-new-moderator-sites-error'))).toBe('');

    // No password: Kolom makes one up and the desk shows it this once.
    await page.fill('#desk-new-moderator-password', '');
    await page.click('#desk-new-moderator button[type="submit"]');
    const secret = page.locator('.desk-new-password .desk-secret');
    await secret.waitFor({ timeout: WAIT_MS });
    const password = await text(secret);
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await text(page.locator('.desk-new-password'))).toContain('It is shown only this once');
    expect(await focusIn(page, '.desk-new-password')).toBe(true);
    await sees(toast(page), `${email} added.`);
    const row = table.locator('tr', { hasText: email });
    expect((await cells(row)).slice(0, 4)).toEqual(['Rina Kusuma', email, 'Moderator', site.slug]);
    const id = Number(await row.getAttribute('data-id'));
    const listed = (await admin.moderators()).body;
    expect(listed.find((m) => m.email === email)).toMatchObject({ id, role: 'moderator', sites: [site.slug] });
    expect(await page.inputValue('#desk-new-moderator-email')).toBe('');
    await shoot(page, 'password shown');

    // The same email again is refused beside it.
    await page.fill('#desk-new-moderator-email', email);
    await page.check(`#desk-new-moderator-site-${site.slug}`);
    await page.click('#desk-new-moderator button[type="submit"]');
    await sees(page.locator('#desk-new-moderator-email-error'), MESSAGES.emailTaken);

    // Shown once: away and back, it is gone.
    await goTo(page, 'bans');
    await goTo(page, 'moderators');
    await table.locator(`tr[data-id="${id}"]`).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('.desk-secret').count()).toBe(0);

    // The new moderator signs in with it, in a browser of their own; the admin has seen it, so she first chooses her own.
    const rina = await readers.add();
    const rinaPage = await rina.open(`${kolom.baseUrl}/moderate`);
    await signInThroughForm(rinaPage, { email, password });
    await choosePasswordThroughForm(rinaPage, password, 'a password only Rina knows');
    expect(await text(rinaPage.locator('.desk-who'))).toContain('Rina Kusuma');
    expect(unexpected(reader, 400, 409)).toEqual([]);
    expect(unexpected(rina)).toEqual([]);
  });

  it('removing an account asks on the button itself, works from the keyboard, and the last admin stays', async () => {
    const leaving = await signInModerator(kolom, 'moderator', [site]);
    const { reader, page } = await openAdmin(admin, 'moderators');
    const row = page.locator(`table.desk-moderators tr[data-id="${leaving.id}"]`);
    const remove = row.locator('button.desk-button-danger');
    expect(await remove.getAttribute('aria-label')).toBe(`Remove ${leaving.email}`);
    await remove.click();
    expect(await text(remove)).toBe('Confirm removal');
    // Escape takes the question back; nothing was removed.
    await page.keyboard.press('Escape');
    expect(await text(remove)).toBe('Remove');
    expect((await admin.moderators()).body.some((m) => m.id === leaving.id)).toBe(true);

    await remove.focus();
    await page.keyboard.press('Enter');
    expect(await text(remove)).toBe('Confirm removal');
    await page.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
    await sees(toast(page), `${leaving.email} removed; their sessions have ended.`);
    // Focus stays in the table, on a neighbour's button.
    expect(await focusIn(page, 'table.desk-moderators')).toBe(true);
    expect((await admin.moderators()).body.some((m) => m.id === leaving.id)).toBe(false);
    expect((await leaving.sites()).status).toBe(401);

    // With every other admin gone, removing the last one is refused with the server's reason.
    const admins = (await admin.moderators()).body.filter((m) => m.role === 'admin' && m.id !== admin.id);
    for (const other of admins) expect((await admin.removeModerator(other.id)).status).toBe(204);
    const mine = page.locator(`table.desk-moderators tr[data-id="${admin.id}"] button.desk-button-danger`);
    await mine.click();
    await mine.click();
    await sees(toast(page), MESSAGES.lastAdmin);
    expect(await page.locator('.desk-toast').getAttribute('data-error')).toBe('');
    expect(await text(mine)).toBe('Remove');
    expect(await page.locator(`table.desk-moderators tr[data-id="${admin.id}"]`).count()).toBe(1);
    expect(unexpected(reader, 409)).toEqual([]);
  });

  it('a moderator bans an email until a date and lifts the ban again', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const { reader, page } = await openAdmin(moderator, 'bans');
    // Their one site is the only choice.
    expect(await values(page.locator('#desk-new-ban-site option'))).toEqual([site.slug]);
    expect(await values(page.locator('#desk-new-ban-kind option'))).toEqual(['email', 'domain', 'ip', 'account']);
    expect(await page.getAttribute('#desk-new-ban-expires', 'type')).toBe('datetime-local');
    await sees(page.locator('section.desk-admin-bans .desk-empty'), 'Nobody is banned.');

    await page.selectOption('#desk-new-ban-kind', 'ip');
    await page.fill('#desk-new-ban-value', 'not-an-address');
    await page.click('#desk-new-ban button[type="submit"]');
    await sees(page.locator('#desk-new-ban-value-error'), MESSAGES.badIp);
    await page.selectOption('#desk-new-ban-kind', 'email');
    await page.fill('#desk-new-ban-value', ' Spammer@Example.org ');
    await page.fill('#desk-new-ban-expires', '2020-01-01T10:00');
    await page.click('#desk-new-ban button[type="submit"]');
    await sees(page.locator('#desk-new-ban-expires-error'), MESSAGES.pastExpiry);

    await page.fill('#desk-new-ban-expires', '2099-12-31T23:59');
    await page.fill('#desk-new-ban-note', 'Casino links under every story');
    await page.click('#desk-new-ban button[type="submit"]');
    await sees(toast(page), 'spammer@example.org banned.');
    const rows = page.locator('table.desk-bans tbody tr');
    const expires = await page.evaluate(() => ({
      iso: new Date('2099-12-31T23:59').toISOString(),
      shown: new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2099-12-31T23:59')),
    }));
    expect((await cells(rows.first())).slice(0, 6)).toEqual([
      site.slug,
      'Email',
      'spammer@example.org',
      'Active',
      expires.shown,
      'Casino links under every story',
    ]);
    const bans = (await moderator.bans()).body;
    expect(bans).toEqual([expect.objectContaining({ value: 'spammer@example.org', expiresAt: expires.iso, note: 'Casino links under every story' })]);
    expect(await rows.first().getAttribute('data-id')).toBe(String(bans[0].id));

    // The same ban again adds no row: the one there covers it.
    await page.fill('#desk-new-ban-value', 'spammer@example.org');
    await page.fill('#desk-new-ban-expires', '2099-12-31T23:59');
    await page.click('#desk-new-ban button[type="submit"]');
    await sees(toast(page), 'An active ban already covers spammer@example.org.');
    expect(await rows.count()).toBe(1);
    await shoot(page, 'banned');

    const lift = rows.first().locator('button');
    expect(await lift.getAttribute('aria-label')).toBe('Lift the ban on spammer@example.org');
    await lift.click();
    expect(await text(lift)).toBe('Confirm lifting');
    await lift.click();
    await sees(toast(page), 'The ban on spammer@example.org is lifted.');
    expect(await rows.count()).toBe(0);
    expect((await moderator.bans()).body).toEqual([]);
    expect(unexpected(reader, 400)).toEqual([]);
  });

  it('the audit log shows who did what, newest first, a page at a time, and filters by comment and by moderator', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site, otherSite]);
    // A moderator approves 30 held comments; a reader's report takes one down again (Kolom acts).
    const ids = await held(otherSite, 30);
    const approved = await moderator.bulk(ids, 'approve');
    expect(approved.body.changed).toHaveLength(30);
    const reported = ids[7];
    expect((await http.flag(reported, { reason: 'spam' })).status).toBe(201);
    // The admin changes a setting, bans and lifts, and adds an account.
    const depth = (await settingsOf(otherSite.slug))?.maxDepth;
    expect((await admin.changeSite(otherSite.slug, { maxDepth: depth === 4 ? 6 : 4 })).status).toBe(200);
    const ban = await admin.ban({ site: otherSite.slug, kind: 'domain', value: 'spam.example', note: 'Link farm' });
    expect((await admin.liftBan(ban.body.id)).status).toBe(204);
    const newcomer = 'dimas@newsroom.example';
    expect((await admin.addModerator({ email: newcomer, role: 'moderator', sites: [site.slug] })).status).toBe(201);

    const { reader, page } = await openAdmin(admin, 'audit');
    const rows = page.locator('table.desk-audit tbody tr');
    await rows.first().waitFor({ timeout: WAIT_MS });
    expect(await rows.count()).toBe(25);
    const top = await Promise.all([0, 1, 2, 3, 4].map((i) => cells(rows.nth(i))));
    const when = /\d{4}/;
    expect(top.map((row) => row.slice(1))).toEqual([
      [admin.email, 'Added an account', '', '', `${newcomer} (Moderator) — ${site.slug}`, ''],
      [admin.email, 'Lifted a ban', otherSite.slug, '', 'Email domain: spam.example', ''],
      [admin.email, 'Banned', otherSite.slug, '', 'Email domain: spam.example', 'Link farm'],
      [admin.email, 'Changed settings', otherSite.slug, '', `Reply levels: ${depth} → ${depth === 4 ? 6 : 4}`, ''],
      ['Kolom', 'Held after reports', otherSite.slug, String(reported), 'Approved → Pending', '1 reader reports (the site holds at 1)'],
    ]);
    for (const row of top) expect(row[0]).toMatch(when);
    const approval = await cells(rows.nth(5));
    expect([approval[1], approval[2], approval[3], approval[5]]).toEqual([moderator.email, 'Approved', otherSite.slug, 'Pending → Approved']);
    expect(ids.map(String)).toContain(approval[4]);
    expect(await rows.first().locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Load more: the cursor brings the older entries under the first page.
    const more = page.locator('section.desk-admin-audit button.desk-more');
    expect(await more.isVisible()).toBe(true);
    await more.click();
    await eventually(async () => expect(await rows.count()).toBeGreaterThan(25));
    const listed = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))));
    expect(listed).toEqual([...listed].sort((a, b) => b - a));
    expect(new Set(listed).size).toBe(listed.length);

    // A comment's id narrows the log to that comment's history.
    await rows.nth(4).locator('button').click();
    await eventually(async () => expect(await rows.count()).toBe(2));
    expect(await page.inputValue('#desk-audit-filters-comment')).toBe(String(reported));
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.children[2].textContent))).toEqual(['Held after reports', 'Approved']);

    // One moderator's actions: their 30 approvals, 25 to a page.
    await page.fill('#desk-audit-filters-comment', '');
    await page.selectOption('#desk-audit-filters-moderator', String(moderator.id));
    await page.click('#desk-audit-filters button[type="submit"]');
    await eventually(async () =>
      expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent)))).toEqual(new Set([moderator.email])),
    );
    expect(await rows.count()).toBe(25);
    await more.click();
    await eventually(async () => expect(await rows.count()).toBe(30));
    expect(await more.isVisible()).toBe(false);
    await shoot(page, 'one moderator');

    // The address can ask for a comment's history, as the queue links to it.
    const linked = await openAdmin(admin);
    await follow(linked.page, `#/admin/audit?comment=${reported}`);
    const linkedRows = linked.page.locator('table.desk-audit tbody tr');
    await eventually(async () => expect(await linkedRows.count()).toBe(2));
    expect(await linked.page.inputValue('#desk-audit-filters-comment')).toBe(String(reported));
    expect(unexpected(reader)).toEqual([]);
    expect(unexpected(linked.reader)).toEqual([]);
  });

  it('a plain moderator sees no Site settings or Moderators tabs; bans and the audit log keep to their sites', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    expect((await admin.ban({ site: site.slug, kind: 'email', value: 'troll@example.org' })).status).toBe(201);
    expect((await admin.ban({ site: otherSite.slug, kind: 'email', value: 'elsewhere@example.org' })).status).toBe(201);
    const { reader, page } = await openAdmin(moderator);
    expect(await page.locator('a.desk-tab[href="#/admin/sites"]').count()).toBe(0);
    expect(await page.locator('a.desk-tab[href="#/admin/moderators"]').count()).toBe(0);
    expect(await page.locator('a.desk-tab[href="#/admin/bans"]').count()).toBe(1);
    expect(await page.locator('a.desk-tab[href="#/admin/audit"]').count()).toBe(1);

    await goTo(page, 'bans');
    const bans = page.locator('table.desk-bans tbody tr');
    await bans.first().waitFor({ timeout: WAIT_MS });
    expect(await bans.evaluateAll((trs) => trs.map((tr) => tr.children[2].textContent))).toEqual(['troll@example.org']);

    await goTo(page, 'audit');
    const entries = page.locator('table.desk-audit tbody tr');
    await entries.first().waitFor({ timeout: WAIT_MS });
    // No account entries (they belong to no site), nothing of the other site, and no moderator list to pick from.
    expect(new Set(await entries.evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent)))).toEqual(new Set([site.slug]));
    expect(await page.locator('#desk-audit-filters-moderator').count()).toBe(0);
    expect(await page.locator('#desk-audit-filters-comment').count()).toBe(1);

    // Typing an admin screen's address shows no admin screen.
    await follow(page, '#/admin/sites');
    await sees(page.locator('main .desk-empty'), 'There is nothing here.');
    expect(await page.locator('section.desk-admin-sites').count()).toBe(0);
    expect(unexpected(reader)).toEqual([]);
  });

  it('in Bahasa Indonesia, with one site picked in the header, the screens keep to it and speak Indonesian', async () => {
    const reader = await readers.add({ locale: 'id-ID' });
    const page = await openDesk(reader, kolom.baseUrl, admin);
    await page.selectOption('#desk-site', otherSite.slug);
    await goTo(page, 'sites');
    expect(
      await page.locator('section.desk-admin-sites form.desk-site-settings').evaluateAll((forms) => forms.map((f) => f.getAttribute('data-site'))),
    ).toEqual([otherSite.slug]);
    expect(await text(page.locator(`form[data-site="${otherSite.slug}"] button[type="submit"]`))).toBe('Simpan Pengaturan');
    expect(await text(page.locator(`label[for="site-${otherSite.slug}-moderationWords"]`))).toBe('Moderasi Komentar');

    await goTo(page, 'bans');
    expect(await values(page.locator('#desk-new-ban-site option'))).toEqual([otherSite.slug]);
    await page.selectOption('#desk-new-ban-kind', 'ip');
    await page.fill('#desk-new-ban-value', '300.1.2.3');
    await page.click('#desk-new-ban button[type="submit"]');
    // The server's refusal, in the moderator's language.
    await sees(page.locator('#desk-new-ban-value-error'), 'Blokir IP memerlukan alamat atau rentang seperti 203.0.113.0/24.');

    await goTo(page, 'audit');
    const entries = page.locator('table.desk-audit tbody tr');
    await entries.first().waitFor({ timeout: WAIT_MS });
    expect(new Set(await entries.evaluateAll((trs) => trs.map((tr) => tr.children[3].textContent)))).toEqual(new Set([otherSite.slug]));
    expect(await text(page.locator('table.desk-audit th').first())).toBe('Waktu');
    expect(unexpected(reader, 400)).toEqual([]);
  });

  it('on a 360 px phone every screen fits the width; the tables scroll within themselves', async () => {
    const { reader, page } = await openAdmin(admin, undefined, { width: 360, height: 780 });
    const loaded = { sites: 'form.desk-form', moderators: 'table.desk-moderators', bans: '.desk-admin-list', audit: 'table.desk-audit' };
    for (const [tab, selector] of Object.entries(loaded)) {
      await goTo(page, tab);
      await page.locator(`section.desk-admin-${tab} ${selector}`).first().waitFor({ state: 'attached', timeout: WAIT_MS });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await shoot(page, tab);
    }
    // The audit table is wider than the phone: it scrolls inside its wrap, not the page.
    const wrap = page.locator('section.desk-admin-audit .desk-table-wrap');
    const { scrollWidth, clientWidth } = await wrap.evaluate((e) => ({ scrollWidth: e.scrollWidth, clientWidth: e.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await wrap.evaluate((e) => e.scrollBy(200, 0));
    expect(await wrap.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    expect(unexpected(reader)).toEqual([]);
  });
});
