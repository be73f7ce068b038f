import type { Site } from '../../src/sites/site.entity.js';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Security hardening (issue 15) of the spam checks and reader reports, through the public form, the
 * flags route and the moderation API: a form token vouches for a few comments only (item 13), a ban
 * holds against the address variants one mailbox answers to (item 14), and reader reports are
 * counted per IPv6 /64 and weighed by the reporter's record, up to a threshold a site may turn off (item 7).
 */

const ORIGIN = 'https://news.example';
const AWAITING = 'Your comment is awaiting moderation.';
let articleCounter = 0;
const newArticle = () => `${ORIGIN}/security-spam/story-${++articleCounter}`;
let authorCounter = 0;
let readerCounter = 0;

describe('security: form tokens, bans and reader reports', () => {
  let kolom: TestKolom;
  let admin: Moderator;
  /** Someone reading the articles, who neither posts nor reports. */
  let reader: Reader;

  beforeAll(async () => {
    kolom = await startKolom({ TRUST_PROXY: '1' });
    admin = await signInModerator(kolom, 'admin');
    reader = readerOf(kolom);
  }, 60_000);
  afterAll(async () => {
    await kolom.close();
  });

  /** An author of its own (email and IPv4 address), so no flood, duplicate or trust rule interferes. */
  const newAuthor = (email = `author${++authorCounter}@example.org`) =>
    readerOf(kolom, { fields: { email }, headers: { 'X-Forwarded-For': `203.0.113.${++authorCounter % 250}` } });
  /** A reporter with an address of its own (IPv4 unless given). */
  const newReader = (address = `198.51.100.${++readerCounter}`) => readerOf(kolom, { headers: { 'X-Forwarded-For': address } });
  const shownIds = async (onSite: Site, url: string): Promise<number[]> => (await reader.thread(onSite, url)).comments.map((c) => c.id);
  const waitSeconds = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

  describe('one page load does not open a day of posting (item 13)', () => {
    const REUSED = 'time to submit: the form token was already used for 5 comments';

    it('a form token fetched once publishes five comments; the sixth with it is held like one without a token', async () => {
      const site = await kolom.createSite({ minSubmitSeconds: 1 });
      const url = newArticle();
      const formToken = await reader.formToken(site, url);
      const fresh = await reader.formToken(site, url);
      expect(fresh).not.toBe(formToken);
      await waitSeconds(1.1);

      for (let i = 0; i < 5; i += 1) expect((await newAuthor().post(site, { url, formToken })).status).toBe('approved');
      const sixth = await newAuthor().post(site, { url, formToken });
      expect(sixth).toMatchObject({ status: 'pending', message: AWAITING });
      expect(await kolom.verdictOf(sixth.comment.id)).toEqual({ status: 'pending', score: 2, reasons: [REUSED] });
      // Another page load is another allowance.
      expect((await newAuthor().post(site, { url, formToken: fresh })).status).toBe('approved');
    });

    it('ten posts sent at once with one form token: five are published and five held', async () => {
      const site = await kolom.createSite({ minSubmitSeconds: 1 });
      const url = newArticle();
      const formToken = await reader.formToken(site, url);
      await waitSeconds(1.1);
      const posted = await Promise.all(Array.from({ length: 10 }, () => newAuthor().post(site, { url, formToken })));
      expect(posted.filter((p) => p.status === 'approved')).toHaveLength(5);
      const held = posted.filter((p) => p.status === 'pending');
      expect(held).toHaveLength(5);
      for (const p of held) expect((await kolom.verdictOf(p.comment.id)).reasons).toEqual([REUSED]);
    });
  });

  describe('bans hold against the variants of a banned address (item 14)', () => {
    const sendsToSpam = async (site: Site, email: string, reason: string) => {
      const posted = await newAuthor(email).post(site, { url: newArticle() });
      // Answered like any held comment: the author learns nothing of the ban.
      expect(posted).toMatchObject({ status: 'pending', message: AWAITING });
      expect({ email, verdict: await kolom.verdictOf(posted.comment.id) }).toEqual({ email, verdict: { status: 'spam', score: 10, reasons: [reason] } });
    };
    const publishes = async (site: Site, email: string) => {
      const posted = await newAuthor(email).post(site, { url: newArticle() });
      expect({ email, status: posted.status }).toEqual({ email, status: 'approved' });
    };

    it('an email ban catches +tags and capitals; a quoted name or full-width letters never get past the form; another mailbox still posts', async () => {
      const site = await kolom.createSite();
      const ban = await admin.ban({ site: site.slug, kind: 'email', value: 'spammer@example.com' });
      expect(ban.status).toBe(201);
      for (const variant of ['spammer+1@example.com', 'SPAMMER+promo@Example.COM']) {
        await sendsToSpam(site, variant, 'bans: the email address is banned');
      }
      // WordPress's is_email() refuses both forms, so they cannot be used to slip past a ban.
      for (const variant of ['"spammer"@example.com', 'ｓｐａｍｍｅｒ@example.com']) {
        const answer = await newAuthor(variant).tryPost(site, { url: newArticle() });
        expect({ variant, status: answer.status, fields: answer.body.fields }).toEqual({
          variant,
          status: 400,
          fields: { email: 'Please enter a valid email address.' },
        });
      }
      await publishes(site, 'spammer2@example.com');
      await publishes(site, 's.pammer@example.com');
    });

    it('a ban is stored normalised: one given with a +tag and capitals catches the plain address', async () => {
      const site = await kolom.createSite();
      const ban = await admin.ban({ site: site.slug, kind: 'email', value: ' Troll+Promo@Example.org ' });
      expect(ban.body).toMatchObject({ kind: 'email', value: 'troll@example.org' });
      await sendsToSpam(site, 'troll@example.org', 'bans: the email address is banned');
    });

    it('a Gmail ban ignores dots and the googlemail.com spelling, as Gmail delivers them to one mailbox', async () => {
      const site = await kolom.createSite();
      expect((await admin.ban({ site: site.slug, kind: 'email', value: 'bulk.sender@gmail.com' })).body.value).toBe('bulksender@gmail.com');
      await sendsToSpam(site, 'b.u.l.k.sender+2@googlemail.com', 'bans: the email address is banned');
    });

    // (A full-width domain never reaches the bans: the form refuses it as an invalid email.)
    it('a domain ban catches its subdomains and capitals, not a look-alike domain', async () => {
      const site = await kolom.createSite();
      expect((await admin.ban({ site: site.slug, kind: 'domain', value: 'Spam-Farm.example' })).status).toBe(201);
      const reason = 'bans: the email domain is banned (spam-farm.example)';
      for (const variant of ['bot@spam-farm.example', 'bot@mail.spam-farm.example', 'bot@a.b.spam-farm.example', 'bot@Mail.SPAM-Farm.Example']) {
        await sendsToSpam(site, variant, reason);
      }
      await publishes(site, 'bot@notspam-farm.example');
    });
  });

  describe('reader reports (item 7)', () => {
    const postedOn = async (site: Site): Promise<{ url: string; posted: PostedComment }> => {
      const url = newArticle();
      return { url, posted: await newAuthor().post(site, { url }) };
    };

    it('four reports from addresses in one IPv6 /64 count as one reader', async () => {
      const site = await kolom.createSite({ flagThreshold: 2 });
      const { url, posted } = await postedOn(site);
      const id = posted.comment.id;
      expect((await newReader('2001:db8:7:1::a').flag(id)).status).toBe(201);
      for (const address of ['2001:db8:7:1::b', '2001:db8:7:1:ffff:ffff:ffff:ffff', '2001:0db8:0007:0001::c']) {
        expect((await newReader(address).flag(id)).body.message).toBe('You have already reported this comment.');
      }
      expect(await shownIds(site, url)).toEqual([id]);
      // A reader on the next /64 is another reader: two readers hold it.
      expect((await newReader('2001:db8:7:2::a').flag(id)).status).toBe(201);
      expect(await shownIds(site, url)).toEqual([]);
    });

    it('a reporter whose reports moderators dismissed counts half per dismissal, and cannot hide a comment alone', async () => {
      const site = await kolom.createSite({ flagThreshold: 1 });
      const troll = newReader();
      const first = await postedOn(site);
      expect((await troll.flag(first.posted.comment.id)).status).toBe(201);
      expect(await shownIds(site, first.url)).toEqual([]);
      // The moderator disagrees: the comment goes back on the page, the report is dismissed.
      expect((await admin.act(first.posted.comment.id, 'approve')).status).toBe(200);
      expect(await shownIds(site, first.url)).toEqual([first.posted.comment.id]);

      const second = await postedOn(site);
      expect((await troll.flag(second.posted.comment.id)).status).toBe(201);
      expect(await shownIds(site, second.url)).toEqual([second.posted.comment.id]);
      // The report still reaches the moderators, and another reader's report adds up to the threshold.
      expect((await admin.queue({ status: 'flagged', site: site.slug })).body.items.map((i) => i.id)).toEqual([second.posted.comment.id]);
      expect((await newReader().flag(second.posted.comment.id)).status).toBe(201);
      expect(await shownIds(site, second.url)).toEqual([]);
      const entries = (await admin.audit({ site: site.slug, comment: second.posted.comment.id })).body.entries;
      expect(entries[0]).toMatchObject({ action: 'hold', note: '2 reader reports weighing 1.5 (the site holds at 1)' });
    });

    it('flagThreshold 0, set through the API, never takes a comment off the page: reports only reach the queue', async () => {
      const site = await kolom.createSite();
      const changed = await admin.changeSite(site.slug, { flagThreshold: 0 });
      expect(changed.status).toBe(200);
      expect(changed.body.settings).toMatchObject({ flagThreshold: 0 });
      expect((await admin.changeSite(site.slug, { flagThreshold: -1 })).body.fields).toEqual({
        'settings.flagThreshold': 'flagThreshold must be a whole number from 0 to 100.',
      });
      const { url, posted } = await postedOn(site);
      for (let i = 0; i < 6; i += 1) expect((await newReader().flag(posted.comment.id)).status).toBe(201);
      expect(await shownIds(site, url)).toEqual([posted.comment.id]);
      const flagged = (await admin.queue({ status: 'flagged', site: site.slug })).body.items;
      expect(flagged.map((i) => [i.id, i.status, i.flags.count])).toEqual([[posted.comment.id, 'approved', 6]]);
    });
  });
});
