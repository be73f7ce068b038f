import type { Site } from '../../src/sites/site.entity.js';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import { expectStatus } from '../support/http.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { signInModerator } from '../support/moderator.js';
import { type Reader, readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Security (issue 15, item 2): an author's edit is judged again, like a new comment, so an
 * approved comment cannot be turned into spam after a moderator looked at it, a held one cannot
 * be edited onto the page, and spam cannot be deleted by its author to erase the evidence.
 */

const ORIGIN = 'https://news.example';
const AWAITING = 'Your comment is awaiting moderation.';
let storyCounter = 0;
const newStory = () => `https://news.example/security/edits-${++storyCounter}`;

describe('security: an author edit is judged like a new comment', () => {
  let kolom: TestKolom;
  let author: Reader;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    kolom = await startKolom();
    author = readerOf(kolom, { fields: { name: 'Ratna', email: 'ratna@example.org' } });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await kolom.close();
  });

  async function siteWithModerator(
    settings: Parameters<TestKolom['createSite']>[0],
  ): Promise<{ site: Site; moderator: Awaited<ReturnType<typeof signInModerator>> }> {
    const site = await kolom.createSite({ blockedWords: ['viagra'], ...settings });
    return { site, moderator: await signInModerator(kolom, 'moderator', [site]) };
  }

  async function reading(site: Site, url: string): Promise<LiveClient> {
    const socket = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    sockets.push(socket);
    await socket.join({ site: site.slug, url });
    return socket;
  }

  it("stops the approved-then-edited spam: it leaves every open page live, waits in the spam queue with the text before and after, is logged as Kolom's, and its author is told it awaits moderation", async () => {
    const { site, moderator } = await siteWithModerator({ premoderation: 'all' });
    const url = newStory();
    const polite = 'I think the new bus timetable is a real improvement.';
    const posted = await author.post(site, { url, body: polite });
    expect(posted.status).toBe('pending');
    expectStatus(await moderator.act(posted.comment.id, 'approve'), 200);
    const reader = await reading(site, url);

    const spam = 'Cheap viagra at https://pills.example and https://pills.example/2 and https://pills.example/3';
    const edited = expectStatus(await author.edit(posted.comment.id, { body: spam }, posted.editToken), 200).body;
    expect(edited).toMatchObject({ status: 'pending', message: AWAITING });
    expect(edited.comment.body).toBe(spam);

    const removal = await reader.waitFor((e) => e.name === 'comment.removed' && e.payload.id === posted.comment.id);
    expect(removal.payload).toMatchObject({ id: posted.comment.id });
    expect(reader.named('comment.updated').filter((c: { id: number }) => c.id === posted.comment.id)).toEqual([]);
    expect((await author.thread(site, url)).comments.map((c) => c.id)).not.toContain(posted.comment.id);

    const queued = expectStatus(await moderator.queue({ status: 'spam' }), 200).body.items.find((item) => item.id === posted.comment.id);
    expect(queued).toMatchObject({ status: 'spam', body: spam, editedFrom: polite });
    expect(queued?.verdict.reasons).toContain('words: blocked word "viagra" in the text');

    const audit = expectStatus(await moderator.audit({ comment: posted.comment.id }), 200).body.entries;
    expect(audit[0]).toMatchObject({ action: 'hold', moderator: null, from: 'approved', to: 'spam' });
    expect(audit[0].note).toContain('edited by its author');
  });

  it('holds an approved comment edited into too many links, for a moderator, and the moderators hear of it live', async () => {
    const { site, moderator } = await siteWithModerator({ premoderation: 'off' });
    const desk = await connectLive(kolom.baseUrl, { namespace: '/moderation', auth: { token: moderator.token } });
    sockets.push(desk);
    const url = newStory();
    const posted = await author.publish(site, { url, body: 'The ferry was late again this morning.' });
    const reader = await reading(site, url);

    const edited = expectStatus(
      await author.edit(posted.comment.id, { body: 'Timetables: https://a.example and https://b.example' }, posted.editToken),
      200,
    ).body;
    expect(edited.status).toBe('pending');
    await reader.waitFor((e) => e.name === 'comment.removed' && e.payload.id === posted.comment.id);
    const added = await desk.waitFor((e) => e.name === 'queue.added' && e.payload.item.id === posted.comment.id);
    expect(added.payload.item).toMatchObject({ status: 'pending', queue: 'pending', editedFrom: 'The ferry was late again this morning.' });
    expect(desk.named('queue.added').filter((e: { item: { id: number } }) => e.item.id === posted.comment.id)).toHaveLength(1);
  });

  it('an edit never takes a held comment out of the queue: removing the links keeps it held until a moderator decides', async () => {
    const { site, moderator } = await siteWithModerator({ premoderation: 'off' });
    const url = newStory();
    const held = await author.post(site, { url, body: 'Sources: https://a.example and https://b.example' });
    expect(held.status).toBe('pending');

    const edited: PostedComment = expectStatus(await author.edit(held.comment.id, { body: 'No links at all now.' }, held.editToken), 200).body;
    expect(edited).toMatchObject({ status: 'pending', message: AWAITING });
    expect((await author.thread(site, url)).comments).toEqual([]);
    const queued = expectStatus(await moderator.queue({ status: 'pending' }), 200).body.items.find((item) => item.id === held.comment.id);
    expect(queued).toMatchObject({ body: 'No links at all now.', editedFrom: 'Sources: https://a.example and https://b.example' });
  });

  it('an ordinary edit of an approved comment stays on the page and is sent live as an update', async () => {
    const { site } = await siteWithModerator({ premoderation: 'off' });
    const url = newStory();
    const posted = await author.publish(site, { url, body: 'Teh council met on Tuesday.' });
    const reader = await reading(site, url);

    const edited = expectStatus(await author.edit(posted.comment.id, { body: 'The council met on Tuesday.' }, posted.editToken), 200).body;
    expect(edited.status).toBe('approved');
    const update = await reader.waitFor((e) => e.name === 'comment.updated' && e.payload.id === posted.comment.id);
    expect(update.payload.body).toBe('The council met on Tuesday.');
  });

  it('answers a spam verdict exactly as a hold, text and all, when posted and when edited', async () => {
    const { site } = await siteWithModerator({ premoderation: 'off' });
    const spam = await author.post(site, { url: newStory(), body: 'Buy viagra here.' });
    const held = await author.post(site, { url: newStory(), body: 'Links: https://a.example https://b.example' });
    const shape = (posted: PostedComment) => ({
      status: posted.status,
      message: posted.message,
      removed: posted.comment.removed,
      hasText: posted.comment.body !== null,
      hasAuthor: posted.comment.author !== null,
    });
    expect(shape(spam)).toEqual(shape(held));
    expect(spam.comment.body).toBe('Buy viagra here.');
    const edited = expectStatus(await author.edit(spam.comment.id, { body: 'Buy viagra here, now.' }, spam.editToken), 200).body;
    expect(shape(edited)).toEqual(shape(held));
  });

  it('an author cannot delete their comment in spam: answered as for a held comment, it stays in the spam queue as evidence', async () => {
    const { site, moderator } = await siteWithModerator({ premoderation: 'off' });
    const spam = await author.post(site, { url: newStory(), body: 'Buy viagra here.' });
    expect(spam.status).toBe('pending');
    const held = await author.post(site, { url: newStory(), body: 'Links: https://a.example https://b.example' });

    const spamDelete = await author.delete(spam.comment.id, spam.editToken);
    const heldDelete = await author.delete(held.comment.id, held.editToken);
    expect(spamDelete.status).toBe(heldDelete.status);
    expect(spamDelete.status).toBe(204);
    const spamQueue = expectStatus(await moderator.queue({ status: 'spam' }), 200).body.items.map((item) => item.id);
    expect(spamQueue).toContain(spam.comment.id);
    const pendingQueue = expectStatus(await moderator.queue({ status: 'pending' }), 200).body.items.map((item) => item.id);
    expect(pendingQueue).not.toContain(held.comment.id);
  });
});
