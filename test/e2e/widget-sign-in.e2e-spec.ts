import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { SignJWT } from 'jose';
import type { Site } from '../../src/sites/site.entity.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { launchChromium, type NewsHost, Readers, startNewsHost } from '../support/browser.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { commentWith, rendered, text, WAIT_MS, postsOf } from '../support/widget-page.js';

/**
 * Signing in with the news site's own accounts, in the widget (issue 19): the site's server signs
 * a token for its subscriber, the page hands it to the widget (`data-sso`, or `Kolom.signIn`
 * after the site's own login), and the form shows who is signed in instead of name and email.
 */

jest.setTimeout(60_000);

describe("the widget signed in with the site's account, in Chromium", () => {
  let browser: Browser;
  let kolom: TestKolom;
  let host: NewsHost;
  let admin: SignedInModerator;
  const readers = new Readers(() => browser);

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    host = await startNewsHost(kolom.baseUrl);
    admin = await kolom.signIn('admin');
  });
  afterAll(async () => {
    await readers.closeAll();
    await browser?.close();
    await host?.close();
    await kolom?.close();
  });

  async function siteWithSignIn(slug: string, settings: Partial<Site['settings']> = {}): Promise<{ site: Site; secret: string }> {
    const site = await kolom.app.get(SitesService).create({ slug, origins: [host.origin], settings: { floodSeconds: 0, minSubmitSeconds: 0, ...settings } });
    const made = await kolom.request('POST', `/api/v1/moderation/sites/${slug}/sign-in/secret`, {}, admin.headers);
    return { site, secret: made.body.secret as string };
  }

  const tokenFor = (secret: string, site: string, name: string) =>
    new SignJWT({ sub: `account-${name}`, name, email: `${name.toLowerCase()}@subscribers.example` })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(site)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));

  it('with data-sso, shows who is signed in instead of name and email, and posts as that account', async () => {
    const { site, secret } = await siteWithSignIn('sso-data');
    const article = host.publish({ site: site.slug, dataSso: await tokenFor(secret, site.slug, 'Wulan') });
    const page = await (await readers.add()).open(article.url);
    await rendered(page);
    const posts = postsOf(page);
    expect(await text(page.locator('p.kolom-signed-in'))).toBe('Signed in as Wulan.');
    for (const field of ['name', 'email', 'website']) expect(await page.locator(`#kolom-${field}`).isVisible()).toBe(false);
    await page.fill('#kolom-body', 'Posted as a subscriber.');
    await page.click('button.kolom-submit');
    const shown = commentWith(page, 'Posted as a subscriber.');
    await shown.waitFor({ timeout: WAIT_MS });
    expect(await text(shown.locator('.kolom-author').first())).toContain('Wulan');
    expect(typeof posts[0]?.signIn).toBe('string');
  });

  it('where only signed-in readers comment, shows the way to sign in until the page calls Kolom.signIn', async () => {
    const { site, secret } = await siteWithSignIn('sso-required', { signInRequired: true, signInUrl: `${host.origin}/login` });
    const article = host.publish({ site: site.slug });
    const page = await (await readers.add()).open(article.url);
    await rendered(page);
    const prompt = page.locator('p.kolom-sign-in');
    expect(await text(prompt)).toContain('Sign in to comment.');
    expect(await prompt.locator('a').getAttribute('href')).toBe(`${host.origin}/login`);
    expect(await page.locator('#kolom-body').isVisible()).toBe(false);
    // The site's own login finishes and hands the widget its token.
    const token = await tokenFor(secret, site.slug, 'Bayu');
    await page.evaluate((t) => (globalThis as unknown as { Kolom: { signIn(token: string): void } }).Kolom.signIn(t), token);
    expect(await prompt.isVisible()).toBe(false);
    expect(await text(page.locator('p.kolom-signed-in'))).toBe('Signed in as Bayu.');
    await page.fill('#kolom-body', 'Signed in after the page loaded.');
    await page.click('button.kolom-submit');
    await commentWith(page, 'Signed in after the page loaded.').waitFor({ timeout: WAIT_MS });
    // Reading stays open to everyone.
    expect((await readerOf(kolom).thread(site, article.canonical)).total).toBe(1);
  });
});
