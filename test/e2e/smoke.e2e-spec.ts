import { commentForm, startKolom, TestKolom } from '../support/test-app.js';

describe('smoke', () => {
  let kolom: TestKolom;
  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom.close());

  it('posts a comment and lists it in the thread', async () => {
    const site = await kolom.createSite();
    const posted = await kolom.request('POST', '/api/v1/comments', commentForm(site, { body: 'First!' }));
    expect(posted.status).toBe(201);
    const thread = await kolom.request('GET', `/api/v1/threads?site=${site.slug}&url=${encodeURIComponent('https://news.example/politics/budget-vote')}`);
    expect(thread.status).toBe(200);
    expect(thread.body.comments.map((c: any) => c.body)).toEqual(['First!']);
  });
});
