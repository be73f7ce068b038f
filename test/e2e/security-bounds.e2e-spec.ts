import { MAX_REPLIES_PER_ROOT } from '../../src/threads/comments.repository.js';
import { readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/** Security (issue 15, item 20): a thread page stays bounded however long one conversation grows. */

describe('security: bounded thread pages', () => {
  let kolom: TestKolom;

  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(async () => {
    await kolom.close();
  });

  it(`shows the first ${MAX_REPLIES_PER_ROOT} replies under a top-level comment, in order, however many there are`, async () => {
    const site = await kolom.createSite({ maxDepth: 2 });
    const url = 'https://news.example/security/long-conversation';
    const reader = readerOf(kolom);
    const root = await reader.publish(site, { url, body: 'Start of a very long conversation.' });
    const total = MAX_REPLIES_PER_ROOT + 5;
    const ids: number[] = [];
    for (let n = 0; n < total; n += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, total - n) }, (_, i) =>
          reader.publish(site, { url, parentId: root.comment.id, email: `replier${n + i}@example.org`, body: `Reply ${n + i + 1}.` }),
        ),
      );
      ids.push(...batch.map((posted) => posted.comment.id));
    }
    const page = await reader.thread(site, url);
    expect(page.total).toBe(total + 1);
    expect(page.comments.map((c) => c.id)).toEqual([root.comment.id]);
    const shown = page.comments[0].replies.map((c) => c.id);
    expect(shown).toEqual(ids.sort((a, b) => a - b).slice(0, MAX_REPLIES_PER_ROOT));
  }, 120_000);
});
