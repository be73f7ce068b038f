import type { PublicAuditEntry } from '../../src/moderation/moderation-answers.js';
import type { Site } from '../../src/sites/site.entity.js';
import { expectStatus } from '../support/http.js';
import { connectLive } from '../support/live-client.js';
import { bearer, logIn, type Moderator, moderatorOf, signInModerator } from '../support/moderator.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Sites and accounts as admins manage them from the desk (issue 19, "Sites from the desk"): adding
 * a site, renaming it and replacing its origins, and changing a moderator's role and sites —
 * through the moderation API, with readers and moderators checking that each change holds at once.
 */

const ADMINS_ONLY = 'Only admins may do this.';
/** The site's checks that would slow a test down are off; everything else is as a new site has it. */
const QUICK = { floodSeconds: 0, minSubmitSeconds: 0, newArticlesPerHour: 0 };

describe('sites and accounts from the desk', () => {
  let kolom: TestKolom;
  let admin: Moderator & SignedInModerator;

  beforeAll(async () => {
    kolom = await startKolom();
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  const reader = () => readerOf(kolom);
  /** A site as kolom.signIn needs it, which reads only its slug. */
  const member = (slug: string) => ({ slug }) as Site;
  const auditEntries = async (action: string): Promise<PublicAuditEntry[]> =>
    expectStatus(await admin.audit({ limit: 100 }), 200).body.entries.filter((entry) => entry.action === action);
  /** Signs the account in again (its sessions end when its role or sites change). */
  const signInAgain = async (account: SignedInModerator) =>
    moderatorOf(kolom, bearer(expectStatus(await logIn(kolom, { email: account.email, password: account.password }), 200).body.token));

  describe('adding a site', () => {
    it('an admin adds a site, and a reader comments from one of its origins at once', async () => {
      const answer = await admin.addSite({
        slug: 'harian-baru',
        name: ' Harian Baru ',
        origins: ['https://harian.example', 'https://WWW.Harian.example/'],
        settings: QUICK,
      });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        slug: 'harian-baru',
        name: 'Harian Baru',
        origins: ['https://harian.example', 'https://www.harian.example'],
        signIn: 'off',
      });
      expect(answer.body.settings.floodSeconds).toBe(0);
      expect((await admin.sites()).body.map((s) => s.slug)).toContain('harian-baru');

      const posted = await reader().publish({ slug: 'harian-baru' }, { url: 'https://www.harian.example/kota/banjir' });
      expect(posted.comment.id).toEqual(expect.any(Number));

      const [created] = await auditEntries('site.create');
      expect(created).toMatchObject({
        moderator: { id: admin.id, email: admin.email },
        siteId: answer.body.id,
        detail: { slug: 'harian-baru', name: 'Harian Baru', origins: ['https://harian.example', 'https://www.harian.example'] },
      });
    });

    it('refuses a bad slug, a bad or missing origin and a taken slug, each beside its field', async () => {
      const badSlug = await admin.addSite({ slug: 'Harian Kota!', origins: ['https://kota.example'] });
      expect(badSlug.status).toBe(400);
      expect(badSlug.body.fields?.slug).toBe('"Harian Kota!" is not a valid slug: use 1 to 64 lower-case letters, digits and dashes.');

      const badOrigin = await admin.addSite({ slug: 'kota', origins: ['ftp://kota.example'] });
      expect(badOrigin.status).toBe(400);
      expect(badOrigin.body.fields?.origins).toBe('"ftp://kota.example" is not an origin: use scheme and host, e.g. https://news.example.com');

      const none = await admin.addSite({ slug: 'kota', origins: [] });
      expect(none.status).toBe(400);
      expect(none.body.fields?.origins).toBe('A site needs at least one allowed origin, e.g. https://news.example.com');

      const taken = await admin.addSite({ slug: 'harian-baru', origins: ['https://other.example'] });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('A site with the slug "harian-baru" already exists.');

      expect((await admin.sites()).body.map((s) => s.slug)).not.toContain('kota');
    });
  });

  describe('renaming a site and changing its origins', () => {
    it('a comment from a removed origin is refused at once, one from a new origin is taken, and the log says what changed', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'warta-lama', name: 'Warta Lama', origins: ['https://lama.example'], settings: QUICK }), 201).body;
      // Read once, so that the site is cached on this node as it was.
      await reader().publish(site, { url: 'https://lama.example/berita/1' });

      const changed = await admin.changeSiteDetails(site.slug, { name: 'Warta Baru', origins: ['https://baru.example', 'https://amp.baru.example'] });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ slug: 'warta-lama', name: 'Warta Baru', origins: ['https://baru.example', 'https://amp.baru.example'] });
      expect(changed.body.settings).toEqual(site.settings);

      const refused = await reader().tryPost(site, { url: 'https://lama.example/berita/2' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toBe('Comments for site "warta-lama" are not allowed on https://lama.example.');
      await reader().publish(site, { url: 'https://amp.baru.example/berita/2' });

      const [entry] = await auditEntries('site.change');
      expect(entry).toMatchObject({
        siteId: site.id,
        detail: {
          name: { from: 'Warta Lama', to: 'Warta Baru' },
          origins: { from: ['https://lama.example'], to: ['https://baru.example', 'https://amp.baru.example'] },
        },
      });
    });

    it('keeps the settings behaviour: name, origins and settings in one request, each left out stays', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'warta-tiga', origins: ['https://tiga.example'] }), 201).body;
      expect(site.name).toBe('warta-tiga');
      const both = expectStatus(await admin.changeSiteDetails(site.slug, { name: 'Warta Tiga', settings: { maxLinks: 7 } }), 200).body;
      expect(both).toMatchObject({ name: 'Warta Tiga', origins: ['https://tiga.example'], settings: { maxLinks: 7 } });
      const settingsOnly = expectStatus(await admin.changeSite(site.slug, { maxDepth: 3 }), 200).body;
      expect(settingsOnly).toMatchObject({ name: 'Warta Tiga', settings: { maxLinks: 7, maxDepth: 3 } });
    });

    it('refuses no origins, a bad origin and an empty name, and changes nothing', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'warta-empat', name: 'Warta Empat', origins: ['https://empat.example'] }), 201).body;
      const none = await admin.changeSiteDetails(site.slug, { origins: [] });
      expect(none.status).toBe(400);
      expect(Object.keys(none.body.fields ?? {})).toEqual(['origins']);
      const bad = await admin.changeSiteDetails(site.slug, { origins: ['https://empat.example', 'empat.example'] });
      expect(bad.status).toBe(400);
      expect(bad.body.fields?.origins).toBe('"empat.example" is not an origin: use scheme and host, e.g. https://news.example.com');
      const nameless = await admin.changeSiteDetails(site.slug, { name: '  ' });
      expect(nameless.status).toBe(400);
      expect(nameless.body.fields?.name).toBe('A site needs a name.');
      const after = (await admin.sites()).body.find((s) => s.slug === site.slug);
      expect(after).toMatchObject({ name: 'Warta Empat', origins: ['https://empat.example'] });
    });
  });

  describe("a moderator's role and sites", () => {
    it('a moderator given a new site sees its queue; removed from one, no longer does', async () => {
      expectStatus(await admin.addSite({ slug: 'pagi', origins: ['https://pagi.example'] }), 201);
      expectStatus(await admin.addSite({ slug: 'sore', origins: ['https://sore.example'] }), 201);
      const account = await kolom.signIn('moderator', [member('pagi')]);
      const before = moderatorOf(kolom, account);
      expect((await before.queue({ site: 'sore' })).status).toBe(404);
      const live = await connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: account.token } });
      const closed = new Promise<void>((resolve) => live.socket.once('disconnect', () => resolve()));

      const widened = await admin.changeModerator(account.id, { sites: ['sore', 'pagi'] });
      expect(widened.status).toBe(200);
      expect(widened.body).toMatchObject({ id: account.id, role: 'moderator', sites: ['pagi', 'sore'] });
      // Its sessions ended, live connection and all: it signs in again with the new scope.
      await closed;
      expect((await before.queue()).status).toBe(401);
      const widenedDesk = await signInAgain(account);
      expect((await widenedDesk.queue({ site: 'sore' })).status).toBe(200);
      expect((await widenedDesk.queue({ site: 'pagi' })).status).toBe(200);

      expectStatus(await admin.changeModerator(account.id, { sites: ['sore'] }), 200);
      const narrowed = await signInAgain(account);
      expect((await narrowed.queue({ site: 'pagi' })).status).toBe(404);
      expect((await narrowed.queue({ site: 'sore' })).status).toBe(200);
      expect((await narrowed.sites()).body.map((s) => s.slug)).toEqual(['sore']);

      const entries = (await auditEntries('moderator.change')).filter((e) => e.detail.moderatorId === account.id);
      expect(entries.map((e) => e.detail.sites)).toEqual([
        { from: ['pagi', 'sore'], to: ['sore'] },
        { from: ['pagi'], to: ['pagi', 'sore'] },
      ]);
      expect(entries[1].detail.endedSessions).toBe(1);
    });

    it('a moderator keeps at least one site, and no site that does not exist', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'malam', origins: ['https://malam.example'] }), 201).body;
      const account = await kolom.signIn('moderator', [member(site.slug)]);
      const none = await admin.changeModerator(account.id, { sites: [] });
      expect(none.status).toBe(400);
      expect(none.body.fields?.sites).toBe('A moderator needs at least one site (admins see every site).');
      const unknown = await admin.changeModerator(account.id, { sites: ['no-such-paper'] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields?.sites).toBe('There is no site "no-such-paper".');
      // Nothing changed, so its session goes on.
      expect((await moderatorOf(kolom, account).queue({ site: 'malam' })).status).toBe(200);
      expect((await admin.changeModerator(999_999_999, { role: 'admin' })).status).toBe(404);
    });

    it('non-admins are refused every one of these, even on their own site and account', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'siang', origins: ['https://siang.example'] }), 201).body;
      const account = await kolom.signIn('moderator', [member(site.slug)]);
      const moderator = moderatorOf(kolom, account);
      const answers = [
        await moderator.addSite({ slug: 'siang-dua', origins: ['https://siang.example'] }),
        await moderator.changeSiteDetails('siang', { name: 'Siang', origins: ['https://evil.example'] }),
        await moderator.changeModerator(account.id, { role: 'admin' }),
        await moderator.changeModerator(account.id, { sites: ['siang', 'pagi'] }),
      ];
      expect(answers.map((a) => [a.status, a.body.message])).toEqual(answers.map(() => [403, ADMINS_ONLY]));
      expect((await admin.sites()).body.find((s) => s.slug === 'siang')?.origins).toEqual(['https://siang.example']);
    });

    it('the last admin cannot make themselves a moderator; with another admin they can', async () => {
      const site = expectStatus(await admin.addSite({ slug: 'fajar', origins: ['https://fajar.example'] }), 201).body;
      // The first admin a fresh install makes goes, so that this one is the last.
      const others = (await admin.moderators()).body.filter((m) => m.role === 'admin' && m.id !== admin.id);
      for (const other of others) expectStatus(await admin.removeModerator(other.id), 204);
      const refused = await admin.changeModerator(admin.id, { role: 'moderator', sites: [site.slug] });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('This is the only admin: make another admin before making this one a moderator.');
      expect((await admin.session()).status).toBe(200);

      const other = await signInModerator(kolom, 'moderator', [member(site.slug)]);
      const promoted = expectStatus(await admin.changeModerator(other.id, { role: 'admin' }), 200).body;
      expect(promoted).toMatchObject({ role: 'admin', sites: 'all' });
      const otherAdmin = await signInAgain(other);

      const demoted = expectStatus(await otherAdmin.changeModerator(admin.id, { role: 'moderator', sites: [site.slug] }), 200).body;
      expect(demoted).toMatchObject({ role: 'moderator', sites: ['fajar'] });
      expect((await admin.session()).status).toBe(401);
      const nowModerator = await signInAgain(admin);
      expect((await nowModerator.moderators()).status).toBe(403);
      expect((await nowModerator.sites()).body.map((s) => s.slug)).toEqual(['fajar']);

      const [entry] = (await otherAdmin.audit({ limit: 100 })).body.entries.filter((e) => e.action === 'moderator.change');
      expect(entry.detail).toMatchObject({ moderatorId: admin.id, role: { from: 'admin', to: 'moderator' }, sites: { from: [], to: ['fajar'] } });
      // The last admin again, demoting themselves.
      const last = await otherAdmin.changeModerator(other.id, { role: 'moderator', sites: ['fajar'] });
      expect(last.status).toBe(409);
    });
  });
});
