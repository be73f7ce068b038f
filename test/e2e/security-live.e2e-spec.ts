import { JOINS_PER_SOCKET } from '../../src/realtime/connection-limits.js';
import { connectLive, type LiveClient } from '../support/live-client.js';
import { readerOf } from '../support/reader.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

/**
 * Security (issue 15, item 6): one client cannot make the live tier do a lot of work for it. Joins
 * replay the missed events once per room per connection, are rate-limited per connection, and one
 * address holds a bounded number of connections.
 */

const ORIGIN = 'https://news.example';
const CAP = 5;

describe('security: join amplification', () => {
  let kolom: TestKolom;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    kolom = await startKolom({ LIVE_CONNECTIONS_PER_ADDRESS: String(CAP) });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await kolom.close();
  });

  const connect = async () => {
    const socket = await connectLive(kolom.baseUrl, { origin: ORIGIN });
    sockets.push(socket);
    return socket;
  };

  it('a repeated join on one connection replays the missed events once, and joins beyond the per-connection rate answer 429', async () => {
    const site = await kolom.createSite();
    const url = 'https://news.example/security/amplify';
    const reader = readerOf(kolom);
    const first = await reader.publish(site, { url, body: 'The first of many.' });
    for (let n = 2; n <= 5; n += 1) await reader.publish(site, { url, body: `Comment ${n}.` });
    const socket = await connect();

    const acks: Array<{ replayed?: number; error?: { status: number } }> = [];
    for (let n = 0; n < JOINS_PER_SOCKET + 2; n += 1) acks.push(await socket.join({ articleId: first.comment.articleId, lastSeenId: 0 }));
    expect(acks[0].replayed).toBe(5);
    expect(acks.slice(1, JOINS_PER_SOCKET).map((a) => a.replayed)).toEqual(Array<number>(JOINS_PER_SOCKET - 1).fill(0));
    expect(acks.slice(JOINS_PER_SOCKET).map((a) => a.error?.status)).toEqual([429, 429]);
    expect(socket.named('comment.created')).toHaveLength(5);
  });

  it(`one address holds at most ${CAP} live connections; closing one lets the next in`, async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const open: LiveClient[] = [];
    for (let n = 0; n < CAP; n += 1) open.push(await connect());
    await expect(connectLive(kolom.baseUrl, { origin: ORIGIN })).rejects.toThrow(/Too many live connections/);
    open[0].close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await connect();
    expect(next).toBeDefined();
  });
});
