import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { SitesService } from '../../src/sites/sites.service.js';
import { launchChromium, Readers } from '../support/browser.js';
import { openDesk } from '../support/desk-page.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';
import { WAIT_MS } from '../support/widget-page.js';

jest.setTimeout(60_000);

/** An admin sets up a site's reader sign-in from the desk: the secret shown once works, a key replaces it, off ends both. */
describe("the desk's reader sign-in, in Chromium", () => {
  let browser: Browser;
  let kolom: TestKolom;
  let admin: SignedInModerator;
  const readers = new Readers(() => browser);

  beforeAll(async () => {
    [browser, kolom] = await Promise.all([launchChromium(), startKolom()]);
    await kolom.app
      .get(SitesService)
      .create({ slug: 'kabar-pagi', name: 'Kabar Pagi', origins: ['https://news.example'], settings: { floodSeconds: 0, minSubmitSeconds: 0 } });
    admin = await kolom.signIn('admin');
  });
  afterAll(async () => {
    await readers.closeAll();
    await browser?.close();
    await kolom?.close();
  });

  const post = (token: string, body: string) =>
    readerOf(kolom).tryPost({ slug: 'kabar-pagi' }, { url: 'https://news.example/desk-sign-in', body, signIn: token });

  it('makes a secret shown once that signs readers in, takes an Ed25519 key instead, and turns sign-in off', async () => {
    const page = await openDesk(await readers.add(), kolom.baseUrl, admin, '#/admin/sites');
    const panel = page.locator('section.desk-sign-in').filter({ hasText: 'Reader sign-in' }).first();
    await panel.waitFor({ timeout: WAIT_MS });
    expect(await panel.locator('.desk-sign-in-state').innerText()).toBe('Off: readers fill in the form.');

    // Two clicks, as every undoable step in the desk's administration.
    await panel.getByRole('button', { name: 'Make a new secret' }).click();
    await panel.getByRole('button', { name: 'Click again: tokens signed the current way stop working' }).click();
    const shown = panel.locator('input.desk-secret');
    await shown.waitFor({ timeout: WAIT_MS });
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await panel.locator('.desk-sign-in-state').innerText()).toBe('On, with an HMAC secret (HS256).');
    const claims = { sub: 'r-1', name: 'Rudi', email: 'rudi@subscribers.example' };
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('kabar-pagi')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    expect((await post(hmac, 'Signed with the desk’s secret.')).status).toBe(201);

    await panel.locator('textarea[name="publicKey"]').fill('not a key');
    await panel.getByRole('button', { name: 'Use this key' }).click();
    await panel.getByText('publicKey must be an Ed25519 public key in PEM.').waitFor({ timeout: WAIT_MS });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await panel.locator('textarea[name="publicKey"]').fill(await exportSPKI(publicKey));
    await panel.getByRole('button', { name: 'Use this key' }).click();
    await panel.getByText('On, with an Ed25519 public key (EdDSA).').waitFor({ timeout: WAIT_MS });
    const eddsa = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setAudience('kabar-pagi').setExpirationTime('5m').sign(privateKey);
    expect((await post(eddsa, 'Signed with the private key.')).status).toBe(201);
    expect((await post(hmac, 'The old secret, after the key.')).status).toBe(401);

    await panel.getByRole('button', { name: 'Turn sign-in off' }).click();
    await panel.getByRole('button', { name: 'Click again to turn sign-in off' }).click();
    await panel.getByText('Off: readers fill in the form.').waitFor({ timeout: WAIT_MS });
    expect((await post(eddsa, 'Signed, with sign-in off.')).status).toBe(401);
    // A reload shows the method, never the secret.
    await page.reload();
    await page.locator('section.desk-sign-in').first().waitFor({ timeout: WAIT_MS });
    expect(await page.content()).not.toContain(secret);
  });
});
