import type { PostedComment } from '../../src/threads/posted-comment.js';
import type { Answer } from '../support/http.js';
import { signInModerator } from '../support/moderator.js';
import { readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Security (issue 15, items 10 and 15): the duplicate and flood checks hold when a spammer sends in
 * parallel, and probing ids with a wrong edit token tells nothing about held comments.
 */

let storyCounter = 0;
const newStory = () => `https://news.example/security/races-${++storyCounter}`;
const PARALLEL = 10;

describe('security: racing the repeat checks, probing ids', () => {
  let kolom: TestKolom;

  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(async () => {
    await kolom.close();
  });

  const statuses = (answers: Array<Answer<PostedComment>>) => answers.map((a) => a.status).sort();

  it(`stops a flood sent in parallel: of ${PARALLEL} posts from one author at once, one is taken and the rest answer 429`, async () => {
    const site = await kolom.createSite({ floodSeconds: 15 });
    const spammer = readerOf(kolom, { fields: { name: 'Fast', email: 'fast@example.org' } });
    const url = newStory();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, n) => spammer.tryPost(site, { url, body: `Message number ${n + 1}.` })));
    expect(statuses(answers)).toEqual([201, ...Array<number>(PARALLEL - 1).fill(429)]);
    expect((await spammer.thread(site, url)).comments).toHaveLength(1);
  });

  it(`stops duplicates sent in parallel: of ${PARALLEL} identical posts at once, one is stored and the rest answer 409`, async () => {
    const site = await kolom.createSite({ floodSeconds: 0 });
    const spammer = readerOf(kolom, { fields: { name: 'Twin', email: 'twin@example.org' } });
    const url = newStory();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => spammer.tryPost(site, { url, body: 'Exactly the same words.' })));
    expect(statuses(answers)).toEqual([201, ...Array<number>(PARALLEL - 1).fill(409)]);
    expect((await spammer.thread(site, url)).comments).toHaveLength(1);
  });

  it('a repeat is refused before the spam checks: a flood of blocked words is answered 429, and only the first reaches the spam queue', async () => {
    const site = await kolom.createSite({ floodSeconds: 15, blockedWords: ['casino'] });
    const moderator = await signInModerator(kolom, 'moderator', [site]);
    const spammer = readerOf(kolom, { fields: { name: 'Casino', email: 'casino@example.org' } });
    const url = newStory();
    expect((await spammer.tryPost(site, { url, body: 'casino one' })).status).toBe(201);
    expect((await spammer.tryPost(site, { url, body: 'casino two' })).status).toBe(429);
    const spam = await moderator.queue({ status: 'spam' });
    expect(spam.status).toBe(200);
    expect((spam.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('probing ids with a wrong edit token answers the same for a public, a held, a spam and a missing comment', async () => {
    const site = await kolom.createSite({ blockedWords: ['casino'] });
    const author = readerOf(kolom, { fields: { name: 'Owner', email: 'owner@example.org' } });
    const url = newStory();
    const published = await author.publish(site, { url, body: 'Public words.' });
    // A newcomer: a known author's links would be let through.
    const newcomer = readerOf(kolom, { fields: { name: 'New', email: 'new@example.org' } });
    const held = await newcomer.post(site, { url, body: 'Links https://a.example https://b.example' });
    const spam = await newcomer.post(site, { url, body: 'casino casino' });
    expect(held.status).toBe('pending');
    const ids = [published.comment.id, held.comment.id, spam.comment.id, spam.comment.id + 1000];
    const stranger = readerOf(kolom);
    const probes: Array<(id: number) => Promise<{ status: number; body: unknown }>> = [
      (id) => stranger.edit(id, { body: 'Mine now.' }, 'not-the-token'),
      (id) => stranger.delete(id, 'not-the-token'),
      (id) => stranger.delete(id),
    ];
    for (const probe of probes) {
      const answers = await Promise.all(ids.map(probe));
      const seen = answers.map((a) => ({ status: a.status, body: a.body }));
      expect(new Set(seen.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(seen[0].status).toBe(403);
    }
  });
});
