import { randomUUID } from 'node:crypto';
import type { SiteSettings } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { PostedComment } from '../../src/threads/posted-comment.js';
import type { Answer } from '../support/http.js';
import { type Moderator, signInModerator } from '../support/moderator.js';
import { commentForm, type Reader, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

/**
 * A reader's browser may send the same submission twice (a double click, a retry after a dropped
 * connection). With the same idempotencyKey the second send gets the first answer, never a second
 * comment and never a 409 or 429 for the reader's own comment.
 */

const ARTICLE = 'https://news.example/politics/budget-vote';

describe('retrying a comment with the same idempotencyKey', () => {
  let kolom: TestKolom;
  let reader: Reader;
  let admin: Moderator;

  beforeAll(async () => {
    kolom = await startKolom();
    reader = readerOf(kolom);
    admin = await signInModerator(kolom, 'admin');
  });
  afterAll(() => kolom?.close());

  const site = (settings: Partial<SiteSettings> = {}) => kolom.createSite(settings);

  async function storedComments(s: Site): Promise<number> {
    const [row] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE site_id = $1', [s.id]);
    return row.n;
  }

  function expectCreated(answer: Answer<PostedComment>): void {
    // Status and body together, so a refusal shows its message.
    expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 201 });
    expect(typeof answer.body.comment.id).toBe('number');
    expect(typeof answer.body.editToken).toBe('string');
    expect(answer.body.editToken.length).toBeGreaterThan(0);
  }

  it('sending the same submission twice makes one comment and gives the same answer both times', async () => {
    const s = await site();
    const form = commentForm(s, { idempotencyKey: randomUUID(), body: 'Sent on a shaky train connection.' });

    const first = await reader.send(form);
    const retry = await reader.send(form);

    expectCreated(first);
    expectCreated(retry);
    expect(retry.body.comment.id).toBe(first.body.comment.id);
    expect(retry.body.editToken).toBe(first.body.editToken);
    expect(retry.body).toEqual(first.body);

    const listed = await reader.open(s, ARTICLE);
    expect(listed.body.total).toBe(1);
    expect(listed.body.comments).toHaveLength(1);
    expect(await storedComments(s)).toBe(1);
  });

  it('the edit token from a retried answer lets the author edit the comment', async () => {
    const s = await site();
    const form = commentForm(s, { idempotencyKey: randomUUID() });
    await reader.send(form);
    const retry = await reader.send(form);
    expectCreated(retry);

    const edited = await reader.edit(retry.body.comment.id, { body: 'Corrected after the retry.' }, retry.body.editToken);
    expect(edited.status).toBe(200);
    expect(edited.body.comment.body).toBe('Corrected after the retry.');
  });

  it('a held comment sent twice is held once, and both answers say it awaits moderation', async () => {
    const s = await site({ premoderation: 'all' });
    const form = commentForm(s, { idempotencyKey: randomUUID() });
    const first = await reader.send(form);
    const retry = await reader.send(form);
    expectCreated(first);
    expect(first.body).toMatchObject({ status: 'pending', message: 'Your comment is awaiting moderation.' });
    expect(retry.body).toEqual(first.body);
    expect(await storedComments(s)).toBe(1);
  });

  it('two requests with the same key arriving at the same moment make one comment', async () => {
    const s = await site();
    const form = commentForm(s, { idempotencyKey: randomUUID(), body: 'Double-clicked the submit button.' });

    const [a, b] = await Promise.all([reader.send(form), reader.send(form)]);

    expectCreated(a);
    expectCreated(b);
    expect(b.body.comment.id).toBe(a.body.comment.id);
    expect(b.body.editToken).toBe(a.body.editToken);
    expect((await reader.open(s, ARTICLE)).body.total).toBe(1);
    expect(await storedComments(s)).toBe(1);
  });

  it('five requests with the same key at the same moment all get the one comment', async () => {
    const s = await site();
    const form = commentForm(s, { idempotencyKey: randomUUID(), body: 'Five taps on a slow phone.' });

    const answers = await Promise.all(Array.from({ length: 5 }, () => reader.send(form)));

    expect(answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body.message}`))).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.comment.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.editToken)).size).toBe(1);
    expect(await storedComments(s)).toBe(1);
  });

  it('a retry is answered before the flood check: on a site with a 15-second flood limit the retry still gets 201', async () => {
    const s = await site({ floodSeconds: 15 });
    const form = commentForm(s, { idempotencyKey: randomUUID() });
    const first = await reader.send(form);
    const retry = await reader.send(form);
    expectCreated(first);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await storedComments(s)).toBe(1);

    // The same text without the key is the reader posting again: the duplicate check answers.
    const { idempotencyKey: _omitted, ...withoutKey } = form;
    const fresh = await reader.send(withoutKey);
    expect(fresh.status).toBe(409);
  });

  it('a retry is answered before the closed check: a comment sent just before the article closed is confirmed', async () => {
    const s = await site();
    const form = commentForm(s, { idempotencyKey: randomUUID() });
    const first = await reader.send(form);
    expectCreated(first);
    await admin.closeArticle(first.body.comment.articleId);

    const retry = await reader.send(form);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('the same key with a different text is refused with 422 and changes nothing', async () => {
    const s = await site();
    const key = randomUUID();
    const first = await reader.send(commentForm(s, { idempotencyKey: key, body: 'The original text.' }));
    expectCreated(first);

    const reused = await reader.send(commentForm(s, { idempotencyKey: key, body: 'A different comment entirely.' }));
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ statusCode: 422 });
    expect(reused.body.editToken).toBeUndefined();

    const listed = await reader.open(s, ARTICLE);
    expect(listed.body.comments.map((c) => c.body)).toEqual(['The original text.']);
    expect(await storedComments(s)).toBe(1);
  });

  it('the same key sent by another reader is refused with 422 and hands out no edit token', async () => {
    const s = await site();
    const key = randomUUID();
    const first = await reader.send(commentForm(s, { idempotencyKey: key, body: 'Mine.' }));
    expectCreated(first);
    const other = await reader.send(commentForm(s, { idempotencyKey: key, body: 'Mine.', name: 'Budi', email: 'budi@example.net' }));
    expect(other.status).toBe(422);
    expect(other.body.editToken).toBeUndefined();
    expect(await storedComments(s)).toBe(1);
  });

  it.each(['short', 'has spaces in it', 'semi;colon;key', 'k'.repeat(101), 'ключ-ключ-ключ'])(
    'a malformed key (%p) is refused with 400 on the idempotencyKey field',
    async (idempotencyKey) => {
      const s = await site();
      const answer = await reader.send(commentForm(s, { idempotencyKey }));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(Object.keys(answer.body.fields ?? {})).toEqual(['idempotencyKey']);
      expect(answer.body.message).toEqual([answer.body.fields?.idempotencyKey]);
      expect(await storedComments(s)).toBe(0);
    },
  );

  it('different keys from the same reader are different comments', async () => {
    const s = await site();
    const one = await reader.send(commentForm(s, { idempotencyKey: randomUUID() }));
    const two = await reader.send(commentForm(s, { idempotencyKey: randomUUID() }));
    expectCreated(one);
    expectCreated(two);
    expect(two.body.comment.id).not.toBe(one.body.comment.id);
    expect(two.body.editToken).not.toBe(one.body.editToken);
    expect(await storedComments(s)).toBe(2);
  });
});
