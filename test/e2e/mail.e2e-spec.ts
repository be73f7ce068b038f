import type { Site } from '../../src/sites/site.entity.js';
import { hiddenField, linkTo, type ReceivedMail, TestMailServer } from '../support/mail-server.js';
import { commentForm, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/** A form POST as a browser sends it from one of Kolom's pages, or a mail client for RFC 8058. */
async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const answer = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  return { status: answer.status, html: await answer.text() };
}

/**
 * A link from an email, opened on the test's server: the server's PUBLIC_URL is not known before
 * it listens on its free port, so links carry the default host; path and query are what matter.
 */
function onKolom(kolom: TestKolom, link: string): string {
  const { pathname, search } = new URL(link);
  return `${kolom.baseUrl}${pathname}${search}`;
}

async function getPage(url: string): Promise<{ status: number; html: string }> {
  const answer = await fetch(url);
  return { status: answer.status, html: await answer.text() };
}

/** Follows a confirmation email as a reader does: opens the page, presses the button; answers the reader token the page hands back. */
async function confirmByMail(kolom: TestKolom, mail: ReceivedMail): Promise<string> {
  const page = await getPage(onKolom(kolom, linkTo(mail, '/mail/confirm')));
  expect(page.status).toBe(200);
  const done = await postForm(`${kolom.baseUrl}/mail/confirm`, { token: hiddenField(page.html, 'token') });
  expect(done.status).toBe(200);
  const token = /#kolom-reader=([A-Za-z0-9_.-]+)/.exec(done.html)?.[1];
  expect(token).toBeDefined();
  return token!;
}

let addressCounter = 0;
const newAddress = (name: string) => `${name}-${process.pid}-${++addressCounter}@readers.example`;

describe('email: reply notifications, verified addresses, moderators', () => {
  let mail: TestMailServer;
  let kolom: TestKolom;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    kolom = await startKolom({ SMTP_URL: mail.url, MAIL_FROM: 'Kolom <comments@news.example>', MAIL_RETRY_SECONDS: '1' });
  });
  afterAll(async () => {
    await kolom.close();
    await mail.stop();
  });

  /** A site whose reply emails go one per reply, unless the test says otherwise; no moderator gets held mail unless made. */
  const siteWith = (settings: Partial<Site['settings']> = {}) => kolom.createSite({ replyMailMinutes: 0, ...settings });

  it('offers the checkbox when mail is set up: the thread says so', async () => {
    const site = await siteWith();
    const thread = await readerOf(kolom).thread(site, 'https://news.example/mail/offer');
    expect(thread.replyEmails).toBe(true);
  });

  it('asks a new address to confirm first, sends nothing else until it does, then mails each reply with a link to it and one-click unsubscribe', async () => {
    const site = await siteWith();
    const url = 'https://news.example/mail/double-opt-in';
    const ayu = newAddress('ayu');
    const asker = readerOf(kolom, { fields: { email: ayu, url } });
    const question = await asker.publish(site, { body: 'Does the budget include the new hospital?', notifyReplies: true });
    expect(question.replyEmails).toBe('confirmation-sent');

    const [confirmation] = await mail.waitFor(ayu);
    expect(confirmation.subject).toContain('Confirm reply notifications');
    expect(confirmation.text).toContain('Does the budget include the new hospital?');
    // A reply before the address is confirmed waits for the confirmation.
    const answerer = readerOf(kolom, { fields: { email: newAddress('budi'), name: 'Budi', url } });
    const early = await answerer.publish(site, { parentId: question.comment.id, body: 'Yes, on page 12.' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(mail.to(ayu)).toHaveLength(1);

    // The GET shows a button and changes nothing: a mail scanner opening the link confirms nothing.
    const page = await getPage(onKolom(kolom, linkTo(confirmation, '/mail/confirm')));
    expect(page.html).toContain('<form method="post"');
    const readerToken = await confirmByMail(kolom, confirmation);
    // The waiting reply now goes.
    const [, first] = await mail.waitFor(ayu, 2);
    expect(first.subject).toBe(`New reply to your comment on ${site.name}`);
    expect(first.text).toContain('Budi replied to your comment');
    expect(first.text).toContain('Yes, on page 12.');
    expect(first.links).toContain(`${url}#comment-${early.comment.id}`);
    expect(first.html).toContain('Yes, on page 12.');
    const unsubscribe = String(first.header('list-unsubscribe'));
    expect(unsubscribe).toMatch(/^<http:\/\/[^/]+\/mail\/unsubscribe\?token=[^>]+>$/);
    expect(first.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // A link used twice does nothing the second time.
    expect((await postForm(`${kolom.baseUrl}/mail/confirm`, { token: hiddenField(page.html, 'token') })).status).toBe(410);
    expect(readerToken).toMatch(/\./);

    // Another reply, another email (this site sends one per reply).
    await answerer.publish(site, { parentId: question.comment.id, body: 'And the clinic on page 14.' });
    const [, , second] = await mail.waitFor(ayu, 3);
    expect(second.text).toContain('And the clinic on page 14.');

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the header's address; no more mail from the thread.
    const oneClick = await postForm(onKolom(kolom, unsubscribe.slice(1, -1)), { 'List-Unsubscribe': 'One-Click' });
    expect(oneClick.status).toBe(200);
    await answerer.publish(site, { parentId: question.comment.id, body: 'One more thing, after the unsubscribe.' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(mail.to(ayu)).toHaveLength(3);
  });

  it('offers the same box to readers without JavaScript: the HTML fragment shows it and WordPress’s form post takes it', async () => {
    const site = await siteWith();
    const url = 'https://news.example/mail/no-javascript';
    const fragment = await getPage(`${kolom.baseUrl}/embed/thread?site=${site.slug}&url=${encodeURIComponent(url)}`);
    expect(fragment.html).toContain('<input id="kolom-notify" name="kolom_notify_replies" type="checkbox" value="1">');
    expect(fragment.html).toContain('<label for="kolom-notify">Notify me of replies by email.</label>');
    const wati = newAddress('wati');
    const posted = await fetch(`${kolom.baseUrl}/wp-comments-post.php`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        site: site.slug,
        article: url,
        comment: 'Posted without JavaScript.',
        author: 'Wati',
        email: wati,
        kolom_notify_replies: '1',
      }),
    });
    expect(posted.status).toBe(303);
    const [confirmation] = await mail.waitFor(wati);
    expect(confirmation.text).toContain('Posted without JavaScript.');
  });

  it('batches replies: at most one email per thread in the site’s window, the later replies together', async () => {
    const site = await siteWith({ replyMailMinutes: 0.1 });
    const url = 'https://news.example/mail/batched';
    const dewi = newAddress('dewi');
    const asker = readerOf(kolom, { fields: { email: dewi, url } });
    const question = await asker.publish(site, { body: 'Who voted against?', notifyReplies: true });
    const readerToken = await confirmByMail(kolom, (await mail.waitFor(dewi))[0]);
    // Proven on this browser: the next ticked comment is subscribed at once, no confirmation.
    const again = await asker.publish(site, { body: 'And who abstained?', notifyReplies: true, readerToken });
    expect(again.replyEmails).toBe('subscribed');

    const others = readerOf(kolom, { fields: { email: newAddress('eko'), name: 'Eko', url } });
    await others.publish(site, { parentId: question.comment.id, body: 'Three members did.' });
    const [, first] = await mail.waitFor(dewi, 2);
    expect(first.text).toContain('Three members did.');
    await others.publish(site, { parentId: question.comment.id, body: 'Their names are in the minutes.' });
    await others.publish(site, { parentId: again.comment.id, body: 'Nobody abstained.' });
    const [, , digest] = await mail.waitFor(dewi, 3, 20_000);
    expect(digest.subject).toBe(`2 new replies to your comment on ${site.name}`);
    expect(digest.text).toContain('Their names are in the minutes.');
    expect(digest.text).toContain('Nobody abstained.');
    expect(digest.messageId).not.toBe(first.messageId);
  });

  it('trusts a verified address only when the comment proves it: a claimed address gets no trusted-author pass', async () => {
    const site = await siteWith({ premoderation: 'first-time' });
    const moderator = await kolom.signIn('moderator', [site]);
    const url = 'https://news.example/mail/trust';
    const sari = newAddress('sari');
    const owner = readerOf(kolom, { fields: { email: sari, url } });
    const first = await owner.post(site, { body: 'My first comment here.', notifyReplies: true });
    expect(first.status).toBe('pending');
    const readerToken = await confirmByMail(kolom, (await mail.waitFor(sari))[0]);
    const approve = await kolom.request('POST', `/api/v1/moderation/comments/${first.comment.id}/approve`, {}, moderator.headers);
    expect(approve.status).toBe(200);

    // The owner, proving the address, is a known author now.
    expect((await owner.post(site, { body: 'Back again, with proof.', readerToken })).status).toBe('approved');
    // Someone typing the same address without the proof is a newcomer, held.
    const impostor = readerOf(kolom, { fields: { email: sari, url, name: 'Sari' } });
    expect((await impostor.post(site, { body: 'I am definitely Sari.' })).status).toBe('pending');
    // Another address's token proves nothing for this one.
    expect((await impostor.post(site, { body: 'Still Sari, honest.', readerToken: readerToken.replace(/^./, 'x') })).status).toBe('pending');

    // Moderators see which comments proved the address.
    const queue = await kolom.request('GET', `/api/v1/moderation/queue?status=pending&site=${site.slug}`, undefined, moderator.headers);
    const items = queue.body.items as Array<{ body: string; author: { verified: boolean } }>;
    expect(items.find((i) => i.body === 'I am definitely Sari.')?.author.verified).toBe(false);
    const all = await kolom.request('GET', `/api/v1/moderation/articles/${first.comment.articleId}/comments`, undefined, moderator.headers);
    const listed = (all.body.items ?? all.body.comments) as Array<{ body: string; author: { verified: boolean } }>;
    expect(listed.find((i) => i.body === 'Back again, with proof.')?.author.verified).toBe(true);
    expect(listed.find((i) => i.body === 'I am definitely Sari.')?.author.verified).toBe(false);
  });

  it('tells moderators of held comments, each or as a digest, with the text, the reasons and a desk link, never an approve link', async () => {
    const site = await siteWith({ premoderation: 'all', locale: 'id' });
    const each = await kolom.signIn('moderator', [site]);
    const digest = await kolom.signIn('moderator', [site]);
    const none = await kolom.signIn('moderator', [site]);
    for (const [moderator, choice] of [
      [each, { heldMail: 'each', heldMailMinutes: 60 }],
      [digest, { heldMail: 'digest', heldMailMinutes: 60 }],
      [none, { heldMail: 'none', heldMailMinutes: 60 }],
    ] as const) {
      const set = await kolom.request('PATCH', '/api/v1/moderation/session/mail', choice, moderator.headers);
      expect(set.status).toBe(200);
      expect(set.body).toEqual(choice);
    }
    const refused = await kolom.request('PATCH', '/api/v1/moderation/session/mail', { heldMail: 'hourly', heldMailMinutes: 0 }, each.headers);
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.fields).sort()).toEqual(['heldMail', 'heldMailMinutes']);

    const writer = readerOf(kolom, { fields: { email: newAddress('writer'), url: 'https://news.example/mail/held' } });
    await writer.post(site, { body: 'Held for a look, number one.' });
    const [one] = await mail.waitFor(each.email);
    expect(one.subject).toBe(`Sebuah komentar menunggu moderasi di ${site.name}`);
    expect(one.text).toContain('Held for a look, number one.');
    expect(one.text).toContain('Alasan ditahan: pra-moderasi situs');
    expect(one.links.some((href) => href.includes('/moderate#/articles/'))).toBe(true);
    expect(one.links.every((href) => !/approve/i.test(href))).toBe(true);
    // The digest's first message goes at once; the next ones wait for its window.
    await mail.waitFor(digest.email);
    await writer.post(site, { body: 'Held for a look, number two.' });
    await mail.waitFor(each.email, 2);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(mail.to(digest.email)).toHaveLength(1);
    expect(mail.to(none.email)).toHaveLength(0);
  });

  it('lets a reader export and erase their comments through links emailed to the address, leaving placeholders where replies hang', async () => {
    const site = await siteWith();
    const moderator = await kolom.signIn('moderator', [site]);
    const url = 'https://news.example/mail/privacy';
    const rina = newAddress('rina');
    const rinaReader = readerOf(kolom, { fields: { email: rina, url, name: 'Rina Private' } });
    const answered = await rinaReader.publish(site, { body: 'A comment someone will answer.' });
    await rinaReader.publish(site, { body: 'A comment nobody answers.' });
    const other = readerOf(kolom, { fields: { email: newAddress('tono'), url, name: 'Tono' } });
    await other.publish(site, { parentId: answered.comment.id, body: 'An answer that stays.' });

    // The request page answers the same for any valid address; only one with comments gets mail.
    const stranger = newAddress('stranger');
    const unknown = await kolom.request('POST', '/api/v1/privacy/requests', { site: site.slug, email: stranger, kind: 'export' });
    const known = await kolom.request('POST', '/api/v1/privacy/requests', { site: site.slug, email: rina, kind: 'export' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect((await kolom.request('POST', '/api/v1/privacy/requests', { site: site.slug, email: 'not an address', kind: 'export' })).status).toBe(400);

    const [exportMail] = await mail.waitFor(rina);
    const download = await fetch(onKolom(kolom, linkTo(exportMail, '/privacy/export')));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const copy = (await download.json()) as { email: string; comments: Array<{ body: string; name: string }> };
    expect(copy.email).toBe(rina);
    expect(copy.comments.map((c) => c.body).sort()).toEqual(['A comment nobody answers.', 'A comment someone will answer.']);

    // The erasure form, through the page.
    const asked = await postForm(`${kolom.baseUrl}/privacy`, { site: site.slug, email: rina, kind: 'erase' });
    expect(asked.status).toBe(200);
    const eraseMail = (await mail.waitFor(rina, 2))[1];
    const erasePage = await getPage(onKolom(kolom, linkTo(eraseMail, '/privacy/erase')));
    expect(erasePage.html).toContain('2 comments');
    const erased = await postForm(`${kolom.baseUrl}/privacy/erase`, { token: hiddenField(erasePage.html, 'token') });
    expect(erased.status).toBe(200);
    expect(erased.html).toContain('Erased 2 comments');
    expect(mail.to(stranger)).toHaveLength(0);

    const thread = await readerOf(kolom).thread(site, url);
    const text = JSON.stringify(thread);
    expect(text).not.toContain('Rina Private');
    expect(text).not.toContain('A comment nobody answers.');
    expect(text).not.toContain('A comment someone will answer.');
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({ id: answered.comment.id, removed: true, author: null, body: null });
    expect(thread.comments[0].replies[0].body).toBe('An answer that stays.');

    const audit = await kolom.request('GET', `/api/v1/moderation/audit?site=${site.slug}`, undefined, moderator.headers);
    const entry = (audit.body.entries as Array<{ action: string; detail: unknown; moderator: unknown }>).find((e) => e.action === 'erase');
    expect(entry).toMatchObject({ detail: { comments: 2 }, moderator: null });
    expect(JSON.stringify(audit.body)).not.toContain(rina);
    // The link is spent.
    expect((await postForm(`${kolom.baseUrl}/privacy/erase`, { token: hiddenField(erasePage.html, 'token') })).status).toBe(400);
  });

  it('keeps every message through a mail server outage and sends each once when it is back', async () => {
    const site = await siteWith({ premoderation: 'all' });
    const moderator = await kolom.signIn('moderator', [site]);
    await mail.stop();
    const writer = readerOf(kolom, { fields: { email: newAddress('outage'), url: 'https://news.example/mail/outage' } });
    const bodies = ['During the outage, one.', 'During the outage, two.', 'During the outage, three.'];
    for (const body of bodies) {
      const started = Date.now();
      await writer.post(site, { body });
      // A comment is never slowed by the mail server.
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(mail.to(moderator.email)).toHaveLength(0);
    // Kolom serves on; /health tells the operator mail is waiting.
    const health = await kolom.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.checks.mail.status).toBe('on');
    expect(health.body.checks.mail.queued).toBeGreaterThanOrEqual(3);
    await mail.start();
    const received = await mail.waitFor(moderator.email, 3, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mail.to(moderator.email)).toHaveLength(3);
    expect(received.map((m) => m.text).join('\n')).toEqual(expect.stringContaining('During the outage, three.'));
    expect(new Set(received.map((m) => m.messageId)).size).toBe(3);
  }, 60_000);
});

describe('email when mail is not set up', () => {
  let kolom: TestKolom;
  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom.close());

  it('offers no checkbox, and a ticked box from an old page is ignored', async () => {
    const site = await kolom.createSite();
    const reader = readerOf(kolom);
    expect((await reader.thread(site, 'https://news.example/mail/off')).replyEmails).toBe(false);
    const posted = await reader.publish(site, commentForm(site, { url: 'https://news.example/mail/off', notifyReplies: true }));
    expect(posted.replyEmails).toBeUndefined();
    expect((await kolom.request('GET', '/health')).body.checks.mail).toEqual({ status: 'off' });
  });
});
