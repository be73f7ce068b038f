import { jest } from '@jest/globals';
import { loadForm, postComment, type ServerDatabase, sharedDatabase } from '../support/live-cluster.js';
import { TestMailServer } from '../support/mail-server.js';
import { signInFirstAdmin } from '../support/moderator.js';
import { type ServerProcess, startServer } from '../support/server-process.js';

jest.setTimeout(120_000);

const ORIGIN = 'https://news.example';
const url = `${ORIGIN}/mail/nodes-${process.pid}`;

/**
 * Two Kolom processes share one PostgreSQL and one mail server that goes away and comes back;
 * one of them is killed with SIGKILL while its mail waits. Each held comment must reach the
 * moderator exactly once: not lost with the dead node, not sent by both.
 */
describe('email across nodes and through a crash', () => {
  let database: ServerDatabase;
  let mail: TestMailServer;
  const servers: ServerProcess[] = [];
  let adminEmail: string;

  beforeAll(async () => {
    mail = await TestMailServer.start();
    database = await sharedDatabase();
    adminEmail = `desk-${process.pid}@newsroom.example`;
    const env = {
      ...database.env,
      PUBLIC_URL: ORIGIN,
      TRUST_PROXY: '1',
      ADMIN_EMAIL: adminEmail,
      SMTP_URL: mail.url,
      MAIL_FROM: 'Kolom <comments@news.example>',
      MAIL_RETRY_SECONDS: '1',
    };
    // One after the other: the first creates the schema and the first admin.
    servers.push(await startServer(env));
    await servers[0].waitHealthy();
    servers.push(await startServer(env));
    await servers[1].waitHealthy();
    // An admin who chose a password gets email about every held comment (each one, by default).
    const admin = await signInFirstAdmin(servers[0].baseUrl, database.env.DATA_DIR);
    expect((await admin.request('PATCH', '/sites/demo', { settings: { premoderation: 'all' } })).status).toBe(200);
    await Promise.all(servers.map((server) => loadForm(server, url)));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await database?.drop();
    await mail.stop();
  });

  async function holdComments(bodies: string[], on: ServerProcess[]): Promise<void> {
    for (const [index, body] of bodies.entries()) {
      const posted = await postComment(on[index % on.length], url, body);
      expect(posted.status).toBe('pending');
    }
  }

  function expectEachOnce(bodies: string[]): void {
    const received = mail.to(adminEmail);
    for (const body of bodies) expect(received.filter((m) => m.text.includes(body))).toHaveLength(1);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
  }

  it('sends each held comment once when both nodes race to send what piled up during a mail outage', async () => {
    await mail.stop();
    const bodies = Array.from({ length: 10 }, (_, i) => `Held while the mail server was away, number ${i + 1}.`);
    await holdComments(bodies, servers);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await mail.start();
    await mail.waitFor(adminEmail, bodies.length, 60_000);
    // Long enough for a second copy from the other node to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mail.to(adminEmail)).toHaveLength(bodies.length);
    expectEachOnce(bodies);
  });

  it('loses nothing when the node that took the comments is killed while their mail waits', async () => {
    const before = mail.to(adminEmail).length;
    await mail.stop();
    const [doomed, survivor] = servers;
    const bodies = Array.from({ length: 5 }, (_, i) => `Held just before a node died, number ${i + 1}.`);
    await holdComments(bodies, [doomed]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await doomed.stop('SIGKILL')).toBeNull();
    await mail.start();
    await mail.waitFor(adminEmail, before + bodies.length, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mail.to(adminEmail)).toHaveLength(before + bodies.length);
    expectEachOnce(bodies);
    // The survivor served throughout.
    expect((await fetch(`${survivor.baseUrl}/health`)).status).toBe(200);
  });
});
