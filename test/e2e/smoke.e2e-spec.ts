import { commentForm, readerOf } from '../support/reader.js';
import { startKolom, TestKolom } from '../support/test-app.js';

describe('smoke', () => {
  let kolom: TestKolom;
  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom.close());

  it('posts a comment and lists it in the thread', async () => {
    const site = await kolom.createSite();
    const reader = readerOf(kolom);
    const posted = await reader.send(commentForm(site, { body: 'First!' }));
    expect(posted.status).toBe(201);
    const thread = await reader.open(site, 'https://news.example/politics/budget-vote');
    expect(thread.status).toBe(200);
    expect(thread.body.comments.map((c) => c.body)).toEqual(['First!']);
  });
});
