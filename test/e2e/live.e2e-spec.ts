import type { Site } from '../../src/sites/site.entity.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { commentForm, startKolom, type TestKolom } from '../support/test-app.js';

const ORIGIN = 'https://news.example';
const ARTICLE = `${ORIGIN}/politics/budget-vote`;

describe('live comments over socket.io', () => {
  let kolom: TestKolom;
  let site: Site;
  const clients: LiveClient[] = [];

  const live = async (origin: string | undefined = ORIGIN) => {
    const client = await connectLive(kolom.baseUrl, { origin });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await kolom.close();
  });

  it('joins an article by site and URL and receives a new comment as posted', async () => {
    const reader = await live();
    const ack = await reader.join({ site: site.slug, url: ARTICLE });
    expect(ack).toEqual({ articleId: expect.any(Number), viewers: 1, lastEventId: 0, replayed: 0, held: [] });

    const posted = await kolom.request('POST', '/api/v1/comments', commentForm(site, { url: ARTICLE }));
    expect(posted.status).toBe(201);
    const created = await reader.waitFor((e) => e.name === 'comment.created');
    expect(created.payload).toEqual({ ...posted.body.comment, eventId: expect.any(Number) });
    expect(created.payload.articleId).toBe(ack.articleId);
  });
});
