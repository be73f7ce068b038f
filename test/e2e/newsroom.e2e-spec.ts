import type { Site } from '../../src/sites/site.entity.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

const ORIGIN = 'https://news.example';

/** The newsroom's hand in a thread from the desk: staff replies, redactions, pins and editor's picks — through the API and live. */
describe('the newsroom in the thread', () => {
  let kolom: TestKolom;
  let site: Site;
  let moderator: SignedInModerator;
  let stranger: SignedInModerator;
  const clients: LiveClient[] = [];
  let articleCounter = 0;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
    moderator = await kolom.signIn('moderator', [site]);
    stranger = await kolom.signIn('moderator', [await kolom.createSite()]);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await kolom.close();
  });

  const act = (method: string, path: string, body?: unknown, who = moderator) => kolom.request(method, `/api/v1/moderation/comments${path}`, body, who.headers);

  async function article(): Promise<{ url: string; first: number }> {
    const url = `${ORIGIN}/newsroom/story-${++articleCounter}`;
    const first = await readerOf(kolom).publish(site, { url, body: 'A reader asks: when does the bridge reopen?' });
    return { url, first: first.comment.id };
  }

  async function follow(url: string): Promise<LiveClient> {
    const client = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    clients.push(client);
    await client.join({ site: site.slug, url });
    return client;
  }

  it("replies as the site's staff: the site's name and the Staff badge, published at once and live", async () => {
    const { url, first } = await article();
    const reader = await follow(url);
    const reply = await act('POST', `/${first}/replies`, { body: 'The bridge reopens on Monday, says the council.' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ replyToId: first, staff: true, author: { name: site.name, website: null, avatar: null } });
    const created = await reader.waitFor((e) => e.name === 'comment.created' && e.payload.id === reply.body.id);
    expect(created.payload.staff).toBe(true);
    // The moderator's own address never reaches readers.
    expect(JSON.stringify(created.payload)).not.toContain(moderator.email);
    const audit = await kolom.request('GET', `/api/v1/moderation/audit?site=${site.slug}`, undefined, moderator.headers);
    expect(audit.body.entries[0]).toMatchObject({ action: 'staff.reply', commentId: reply.body.id, moderator: { id: moderator.id } });
  });

  it('lets no reader claim the badge, and refuses a staff reply under a held comment or another site’s', async () => {
    const { url, first } = await article();
    const forged = await readerOf(kolom).tryPost(site, { url, body: 'Trust me, I am staff.', staff: true });
    expect(forged.status).toBe(400);
    const held = await readerOf(kolom).publish(site, { url, body: 'Soon held.' });
    expect((await act('POST', `/${held.comment.id}/unapprove`, {})).status).toBe(200);
    const underHeld = await act('POST', `/${held.comment.id}/replies`, { body: 'Hello.' });
    expect(underHeld.status).toBe(409);
    expect(underHeld.body.message).toBe('Approve this comment before replying to it: readers cannot see it.');
    expect((await act('POST', `/${first}/replies`, { body: 'Not my site.' }, stranger)).status).toBe(404);
    expect((await act('POST', `/${first}/replies`, { body: '   ' })).status).toBe(400);
  });

  it('redacts a comment: readers see the new text marked as edited by a moderator, live; the text before stays in the audit log', async () => {
    const { url } = await article();
    const rude = await readerOf(kolom).publish(site, { url, body: 'The mayor lives at 12 Elm Street, go tell him.' });
    const reader = await follow(url);
    const redacted = await act('PATCH', `/${rude.comment.id}`, { body: 'The mayor lives at [address removed], go tell him.', note: 'doxxing' });
    expect(redacted.status).toBe(200);
    expect(redacted.body).toMatchObject({ body: 'The mayor lives at [address removed], go tell him.', editedByModerator: true });
    const updated = await reader.waitFor((e) => e.name === 'comment.updated' && e.payload.id === rude.comment.id);
    expect(updated.payload).toMatchObject({ body: 'The mayor lives at [address removed], go tell him.', editedByModerator: true });
    const thread = await readerOf(kolom).thread(site, url);
    expect(JSON.stringify(thread)).not.toContain('12 Elm Street');
    const audit = await kolom.request('GET', `/api/v1/moderation/audit?site=${site.slug}`, undefined, moderator.headers);
    expect(audit.body.entries[0]).toMatchObject({ action: 'edit', note: 'doxxing', detail: { before: 'The mayor lives at 12 Elm Street, go tell him.' } });
  });

  it('pins up to three top-level comments, shown first on the first page and nowhere else, live; picks are marked', async () => {
    const { url, first } = await article();
    const posted = [first];
    for (let i = 2; i <= 6; i += 1) posted.push((await readerOf(kolom).publish(site, { url, body: `Comment number ${i}.` })).comment.id);
    const reply = await readerOf(kolom).publish(site, { url, parentId: first, body: 'A reply cannot be pinned.' });
    const reader = await follow(url);
    for (const id of [posted[4], posted[2], posted[5]]) expect((await act('PUT', `/${id}/pin`)).status).toBe(200);
    const fourth = await act('PUT', `/${posted[1]}/pin`);
    expect(fourth.status).toBe(409);
    expect(fourth.body.message).toBe('This article already has 3 pinned comments: unpin one first.');
    expect((await act('PUT', `/${reply.comment.id}/pin`)).status).toBe(409);
    const pinnedLive = await reader.waitFor((e) => e.name === 'comment.updated' && e.payload.id === posted[5] && e.payload.pinned === true);
    expect(pinnedLive.payload.pinned).toBe(true);

    const thread = await readerOf(kolom).thread(site, url, { limit: 2 });
    expect(thread.comments.map((c) => c.id)).toEqual([posted[4], posted[2], posted[5], posted[0], posted[1]]);
    expect(thread.comments.slice(0, 3).every((c) => c.pinned)).toBe(true);
    const rest = await readerOf(kolom).thread(site, url, { limit: 2, cursor: thread.nextCursor });
    expect(rest.comments.map((c) => c.id)).toEqual([posted[3]]);

    expect((await act('DELETE', `/${posted[2]}/pin`)).status).toBe(200);
    const picked = await act('PUT', `/${posted[1]}/pick`);
    expect(picked.body.editorsPick).toBe(true);
    await reader.waitFor((e) => e.name === 'comment.updated' && e.payload.id === posted[1] && e.payload.editorsPick === true);
    const after = await readerOf(kolom).thread(site, url);
    expect(after.comments.map((c) => c.id)).toEqual([posted[4], posted[5], posted[0], posted[1], posted[2], posted[3]]);
    expect(after.comments.find((c) => c.id === posted[1])?.editorsPick).toBe(true);
    expect((await act('PUT', `/${posted[1]}/pick`, undefined, stranger)).status).toBe(404);
    // The picks filter: only the picked ones, in the asked order (top takes the newest first).
    expect((await act('PUT', `/${posted[3]}/pick`)).status).toBe(200);
    expect((await readerOf(kolom).thread(site, url, { picks: true })).comments.map((c) => c.id)).toEqual([posted[1], posted[3]]);
    expect((await readerOf(kolom).thread(site, url, { picks: true, sort: 'top' })).comments.map((c) => c.id)).toEqual([posted[3], posted[1]]);
    expect((await readerOf(kolom).open(site, url, { picks: 'yes' })).status).toBe(400);
  });
});
