import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { CHOOSE_PASSWORD_FIRST } from '../../src/moderation/accounts/moderator-sessions.service.js';
import { SAME_PASSWORD, WRONG_CURRENT_PASSWORD } from '../../src/moderation/accounts/own-password.service.js';
import { PASSWORD_CHANGE_REQUIRED } from '../../src/moderation/moderation-answers.js';
import type { Site } from '../../src/sites/site.entity.js';
import { launchChromium, Readers } from '../support/browser.js';
import { signInThroughForm } from '../support/desk-page.js';
import { expectStatus, httpTo, type KolomHttp } from '../support/http.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { type ServerDatabase, singleNodeDatabase } from '../support/live-cluster.js';
import { bearer, firstAdminFile, logIn, type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { readerOf } from '../support/reader.js';
import { WAIT_MS } from '../support/widget-page.js';
import { type ServerProcess, startServer } from '../support/server-process.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Issue 15, item 12: a password someone else set (the first start's, written to a file; an admin's
 * for a new account) opens nothing until its holder chooses their own; and any moderator can change
 * their own password, which ends their other sessions and keeps this one.
 */

jest.setTimeout(60_000);

const SESSION_ENDED = 'Your session has ended: sign in again.';
const WRONG_CREDENTIALS = 'Wrong email or password.';

/** A moderation route, a socket handshake: what a session waiting for its own password is refused. */
const REFUSED = { statusCode: 403, code: PASSWORD_CHANGE_REQUIRED, message: CHOOSE_PASSWORD_FIRST };

const clients: LiveClient[] = [];
async function desk(baseUrl: string, token: string): Promise<LiveClient> {
  const client = await connectLive(baseUrl, { namespace: '/moderation', auth: { token } });
  clients.push(client);
  return client;
}
/** The handshake's refusal: its message and the data socket.io passed along with it. */
async function refusalOf(baseUrl: string, token: string): Promise<{ message: string; data?: unknown }> {
  const refused = await desk(baseUrl, token).then(
    () => null,
    (error: Error & { data?: unknown }) => error,
  );
  if (!refused) throw new Error('the /moderation namespace let the connection in');
  return { message: refused.message, data: refused.data };
}
const closed = (client: LiveClient) => new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));

afterAll(() => {
  for (const client of clients) client.close();
});

describe("the first admin's password from the first start", () => {
  let database: ServerDatabase | undefined;
  let server: ServerProcess | undefined;
  let api: KolomHttp;

  beforeAll(async () => {
    // PostgreSQL with DATABASE_URL, else the embedded database; either way the data folder gets the password file.
    database = await singleNodeDatabase();
    server = await startServer({ ...database.env, PUBLIC_URL: 'https://news.example' });
    await server.waitHealthy();
    api = httpTo(server.baseUrl);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('signs in, but opens nothing but choosing a new password until one is chosen; then the old one no longer signs in', async () => {
    const { email, password: temporary } = firstAdminFile(database!.env.DATA_DIR);
    const signedIn = expectStatus(await logIn(api, { email, password: temporary }), 200).body;
    expect(signedIn).toMatchObject({ moderator: { email, role: 'admin' }, mustChangePassword: true });
    const admin = moderatorOf(api, bearer(signedIn.token));

    // The queue, the accounts, the audit log: one answer for all, with a code the desk acts on.
    for (const answer of [await admin.queue(), await admin.moderators(), await admin.audit(), await admin.sites()]) {
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject(REFUSED);
    }
    // Who it is, it may read.
    expect(expectStatus(await admin.session(), 200).body).toMatchObject({ moderator: { email }, mustChangePassword: true, expiresAt: signedIn.expiresAt });
    // The live desk refuses it likewise.
    expect(await refusalOf(server!.baseUrl, signedIn.token)).toEqual({ message: CHOOSE_PASSWORD_FIRST, data: { code: PASSWORD_CHANGE_REQUIRED } });

    // Wrong current password, too short, the same again: refused, and nothing changes.
    const wrong = await admin.changePassword('not the password at all', 'a password of my own choosing');
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual({ currentPassword: WRONG_CURRENT_PASSWORD });
    const short = await admin.changePassword(temporary, 'too short');
    expect(short.status).toBe(400);
    expect(short.body.fields).toEqual({ newPassword: 'A password needs at least 12 characters.' });
    const same = await admin.changePassword(temporary, temporary);
    expect(same.status).toBe(400);
    expect(same.body.fields).toEqual({ newPassword: SAME_PASSWORD });
    expect((await admin.queue()).status).toBe(403);

    const own = 'a password of my own choosing';
    const changed = expectStatus(await admin.changePassword(temporary, own), 200).body;
    expect(changed).toMatchObject({ moderator: { email }, mustChangePassword: false });
    expect(changed).not.toHaveProperty('token');

    // The same session now works, on HTTP and live.
    expectStatus(await admin.queue(), 200);
    expect(expectStatus(await admin.session(), 200).body.mustChangePassword).toBe(false);
    expect((await desk(server!.baseUrl, signedIn.token)).socket.connected).toBe(true);
    // The file's password is spent; the chosen one signs in, and needs no change.
    const old = await logIn(api, { email, password: temporary });
    expect(old.status).toBe(401);
    expect(old.body.message).toBe(WRONG_CREDENTIALS);
    expect(expectStatus(await logIn(api, { email, password: own }), 200).body.mustChangePassword).toBe(false);
    // The audit log says it happened, and never what the passwords were.
    const entry = expectStatus(await admin.audit(), 200).body.entries.find((e) => e.action === 'moderator.password');
    expect(entry).toMatchObject({ moderator: { email }, detail: { email, wasTemporary: true } });
    expect(JSON.stringify(entry)).not.toContain(own);
    expect(JSON.stringify(entry)).not.toContain(temporary);
  });
});

describe('changing your own password', () => {
  let kolom: TestKolom;
  let site: Site;
  let admin: Moderator & SignedInModerator;

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    site = await kolom.createSite({ premoderation: 'all' });
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  it('an account an admin made, with a password the admin chose, must choose its own at its first sign-in', async () => {
    const password = 'chosen by the admin for you';
    const created = expectStatus(await admin.addModerator({ email: 'new.desk@newsroom.example', role: 'moderator', sites: [site.slug], password }), 201).body;
    expect(created).not.toHaveProperty('password');
    const signedIn = expectStatus(await logIn(kolom, { email: 'new.desk@newsroom.example', password }), 200).body;
    expect(signedIn.mustChangePassword).toBe(true);
    const newcomer = moderatorOf(kolom, bearer(signedIn.token));
    expect((await newcomer.counts()).body).toMatchObject(REFUSED);
    expectStatus(await newcomer.changePassword(password, 'only I know this one'), 200);
    expectStatus(await newcomer.counts(), 200);
  });

  it('a session waiting for its own password can still sign out', async () => {
    const created = expectStatus(await admin.addModerator({ email: 'leaving.desk@newsroom.example', role: 'moderator', sites: [site.slug] }), 201).body;
    const signedIn = expectStatus(await logIn(kolom, { email: 'leaving.desk@newsroom.example', password: created.password }), 200).body;
    expect(signedIn.mustChangePassword).toBe(true);
    const leaving = moderatorOf(kolom, bearer(signedIn.token));
    expectStatus(await leaving.logout(), 204);
    expect((await leaving.session()).status).toBe(401);
  });

  it("ends the account's other sessions (their requests 401, their live desks close) and keeps this one", async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    expect(expectStatus(await moderator.session(), 200).body.mustChangePassword).toBe(false);
    const elsewhere = moderatorOf(kolom, bearer(expectStatus(await logIn(kolom, { email: moderator.email, password: moderator.password }), 200).body.token));
    const [here, there] = [await desk(kolom.baseUrl, moderator.token), await desk(kolom.baseUrl, elsewhere.headers.authorization.slice(7))];
    const thereClosed = closed(there);

    const own = 'a fresh password of my own';
    expectStatus(await moderator.changePassword(moderator.password, own), 200);

    expect(await thereClosed).toBe('io server disconnect');
    const refused = await elsewhere.queue();
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(SESSION_ENDED);
    // This session goes on: its requests and its live desk.
    expectStatus(await moderator.queue(), 200);
    const posted = await readerOf(kolom).post(site, { url: 'https://news.example/city/passwords', email: 'reader@example.org' });
    expect(posted.status).toBe('pending');
    await here.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === posted.comment.id);
    expect(here.socket.connected).toBe(true);
    // The new password signs in; the old one does not.
    expect((await logIn(kolom, { email: moderator.email, password: moderator.password })).status).toBe(401);
    expectStatus(await logIn(kolom, { email: moderator.email, password: own }), 200);
  });

  it('a stolen token cannot guess the password behind it: 5 wrong current passwords, then 429 with Retry-After', async () => {
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    for (let i = 0; i < 5; i++) expect((await moderator.changePassword(`guess number ${i}`, 'a new password for me')).status).toBe(400);
    const limited = await moderator.changePassword(moderator.password, 'a new password for me');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('needs both fields, and a signed-in session', async () => {
    const answer = await admin.request('POST', '/session/password', { newPassword: 'a new password for me' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fields: { currentPassword: 'Please fill the required fields.' } });
    expect((await moderatorOf(kolom, null).changePassword(admin.password, 'a new password for me')).status).toBe(401);
  });
});

describe('the desk in Chromium, for a fresh install', () => {
  let database: ServerDatabase | undefined;
  let server: ServerProcess | undefined;
  let browser: Browser;
  const readers = new Readers(() => browser);

  beforeAll(async () => {
    database = await singleNodeDatabase();
    [server, browser] = await Promise.all([startServer(database.env), launchChromium()]);
    await server.waitHealthy();
  });
  afterAll(async () => {
    await readers.closeAll();
    await browser?.close();
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('the first admin signs in, is asked to choose a new password before the queues, then reaches them; "Change password" stays in the header', async () => {
    const { email, password: temporary } = firstAdminFile(database!.env.DATA_DIR);
    const reader = await readers.add();
    const page = await reader.open(`${server!.baseUrl}/moderate`);
    await signInThroughForm(page, { email, password: temporary });

    const screen = page.locator('.desk-password-change');
    await screen.locator('h1', { hasText: 'Choose a new password' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('a.desk-tab').count()).toBe(0);
    // Labelled fields, found as a screen reader names them.
    await page.getByLabel('Current password').fill(temporary);
    await page.getByLabel('New password', { exact: true }).fill('my own desk password');
    await page.getByLabel('New password again').fill('not the same at all');
    await page.click('.desk-password-change button[type="submit"]');
    await page.locator('#first-password-repeat-error', { hasText: 'The two new passwords are not the same.' }).waitFor({ timeout: WAIT_MS });
    expect(await page.getAttribute('#first-password-repeat', 'aria-invalid')).toBe('true');

    await page.getByLabel('New password again').fill('my own desk password');
    await page.click('.desk-password-change button[type="submit"]');
    // Two scrypt checks (the current password, then the new one's hash), each ~0.6 s on a quiet machine.
    await page.locator('a.desk-tab[data-queue="pending"]').waitFor({ timeout: 4 * WAIT_MS });
    await page.locator('.desk-connection[data-online="true"]').waitFor({ timeout: WAIT_MS });
    // A reload keeps the session, changed: the queues again, not the screen.
    await page.reload();
    await page.locator('a.desk-tab[data-queue="pending"]').waitFor({ timeout: WAIT_MS });
    expect(await screen.count()).toBe(0);

    // Any moderator can change their password again from the header.
    await page.click('a.desk-change-password');
    await page.locator('#account-password-current').fill('my own desk password');
    await page.locator('#account-password-new').fill('my second desk password');
    await page.locator('#account-password-repeat').fill('my second desk password');
    await page.click('.desk-account button[type="submit"]');
    await page.locator('.desk-toast', { hasText: 'Your password is changed.' }).waitFor({ timeout: WAIT_MS });
    await page.waitForURL(/#\/queue\/pending$/, { timeout: WAIT_MS });
    expectStatus(await logIn(httpTo(server!.baseUrl), { email, password: 'my second desk password' }), 200);
    expect(reader.errors.filter((error) => !/40[03]/.test(error))).toEqual([]);
  });
});
