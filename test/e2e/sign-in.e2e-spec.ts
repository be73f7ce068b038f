import { exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import type { Site } from '../../src/sites/site.entity.js';
import { readerOf } from '../support/reader.js';
import { type SignedInModerator, startKolom, type TestKolom } from '../support/test-app.js';

/** As a news site's server signs its subscriber in: HS256 with the secret Kolom gave it. */
function signWithSecret(secret: string, claims: JWTPayload, { audience, expires = '10m' }: { audience: string; expires?: string | number }): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));
}

const subscriber = {
  sub: 'subscriber-1001',
  name: 'Ayu (subscriber)',
  email: 'Ayu.Subscriber@Example.org',
  profile: 'https://news.example/u/ayu',
  avatar: 'https://news.example/u/ayu.png',
};

describe("sign in with the news site's own accounts", () => {
  let kolom: TestKolom;
  let admin: SignedInModerator;

  beforeAll(async () => {
    // One proxy hop trusted: each reader below comes from an address of its own (X-Forwarded-For).
    kolom = await startKolom({ TRUST_PROXY: '1' });
    admin = await kolom.signIn('admin');
  });
  afterAll(() => kolom.close());

  async function siteWithSecret(settings: Partial<Site['settings']> = {}): Promise<{ site: Site; secret: string }> {
    const site = await kolom.createSite(settings);
    const made = await kolom.request('POST', `/api/v1/moderation/sites/${site.slug}/sign-in/secret`, {}, admin.headers);
    expect(made.status).toBe(201);
    expect(made.body.signIn).toBe('secret');
    return { site, secret: made.body.secret as string };
  }

  it("posts as the account the site signed in: its name, email and profile, not the form's, verified for moderators", async () => {
    const { site, secret } = await siteWithSecret({ premoderation: 'first-time' });
    const url = 'https://news.example/sign-in/valid';
    const thread = await readerOf(kolom).thread(site, url);
    expect(thread.signIn).toEqual({ required: false, url: null });
    const token = await signWithSecret(secret, subscriber, { audience: site.slug });
    // The form's own name and email are replaced, as WordPress does for a logged-in user.
    const posted = await readerOf(kolom).tryPost(site, {
      url,
      name: 'Someone Else',
      email: 'else@example.org',
      website: 'https://else.example',
      signIn: token,
    });
    expect(posted.status).toBe(201);
    expect(posted.body.comment.author).toEqual({ name: 'Ayu (subscriber)', website: 'https://news.example/u/ayu', avatar: 'https://news.example/u/ayu.png' });
    // A verified address is a known author once approved: the first comment is held (first-time), the next is not.
    expect(posted.body.status).toBe('pending');
    const queue = await kolom.request('GET', `/api/v1/moderation/queue?status=pending&site=${site.slug}`, undefined, admin.headers);
    const item = (queue.body.items as Array<{ id: number; author: { email: string; verified: boolean } }>).find((i) => i.id === posted.body.comment.id);
    expect(item?.author).toMatchObject({ email: 'ayu.subscriber@example.org', verified: true });
    expect((await kolom.request('POST', `/api/v1/moderation/comments/${posted.body.comment.id}/approve`, {}, admin.headers)).status).toBe(200);
    const again = await readerOf(kolom).tryPost(site, { url, body: 'Signed in again.', signIn: token });
    expect(again.body.status).toBe('approved');
  });

  it('refuses expired, tampered, badly signed, too long-lived and other sites’ tokens with a clear message and nothing stored', async () => {
    const { site, secret } = await siteWithSecret();
    const other = await siteWithSecret();
    const url = 'https://news.example/sign-in/refused';
    const valid = await signWithSecret(secret, subscriber, { audience: site.slug });
    const [header, payload, signature] = valid.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' })).toString('base64url');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    const cases: Array<[string, string, number, string]> = [
      [
        'expired',
        await signWithSecret(secret, subscriber, { audience: site.slug, expires: Math.floor(Date.now() / 1000) - 120 }),
        401,
        'Your sign-in has expired: sign in again.',
      ],
      [
        'for another site',
        await signWithSecret(other.secret, subscriber, { audience: other.site.slug }),
        401,
        'This sign-in could not be checked: sign in again.',
      ],
      ['naming another site, signed right', await signWithSecret(secret, subscriber, { audience: other.site.slug }), 401, 'This sign-in is for another site.'],
      ['tampered', `${header}.${forged}.${signature}`, 401, 'This sign-in could not be checked: sign in again.'],
      ['unsigned (alg none)', unsigned, 401, 'This sign-in could not be checked: sign in again.'],
      ['not a token', 'hello', 401, 'This sign-in could not be checked: sign in again.'],
      [
        'lasting a week',
        await signWithSecret(secret, subscriber, { audience: site.slug, expires: '7d' }),
        401,
        'This sign-in lasts too long: the site must make tokens that expire within 24 hours.',
      ],
      [
        'without an email',
        await signWithSecret(secret, { sub: 'x', name: 'No Mail' }, { audience: site.slug }),
        401,
        'This sign-in does not name the reader: it needs sub, name and a valid email.',
      ],
    ];
    for (const [what, token, status, message] of cases) {
      const answer = await readerOf(kolom).tryPost(site, { url, body: `Refused: ${what}.`, signIn: token });
      expect({ what, status: answer.status, message: answer.body.message }).toEqual({ what, status, message });
    }
    // Nothing was stored: the article was never even started.
    expect((await readerOf(kolom).thread(site, url)).article.id).toBeNull();
  });

  it('lets a site take comments from signed-in readers only; reading stays open', async () => {
    const { site, secret } = await siteWithSecret({ signInRequired: true, signInUrl: 'https://news.example/login' });
    const url = 'https://news.example/sign-in/required';
    const thread = await readerOf(kolom).thread(site, url);
    expect(thread.signIn).toEqual({ required: true, url: 'https://news.example/login' });
    const anonymous = await readerOf(kolom).tryPost(site, { url });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toMatchObject({ message: 'Sorry, you must be logged in to comment.', code: 'sign-in-required' });
    const signedIn = await readerOf(kolom).tryPost(site, { url, signIn: await signWithSecret(secret, subscriber, { audience: site.slug }) });
    expect(signedIn.status).toBe(201);
  });

  it('checks Ed25519 tokens against the public key the site gave, and a rotated secret stops working at once', async () => {
    const { site, secret } = await siteWithSecret();
    const url = 'https://news.example/sign-in/ed25519';
    const oldToken = await signWithSecret(secret, subscriber, { audience: site.slug });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const bad = await kolom.request('PUT', `/api/v1/moderation/sites/${site.slug}/sign-in/public-key`, { publicKey: 'not a key' }, admin.headers);
    expect(bad.status).toBe(400);
    const set = await kolom.request(
      'PUT',
      `/api/v1/moderation/sites/${site.slug}/sign-in/public-key`,
      { publicKey: await exportSPKI(publicKey) },
      admin.headers,
    );
    expect(set.status).toBe(200);
    expect(set.body.signIn).toBe('public-key');
    const token = await new SignJWT(subscriber).setProtectedHeader({ alg: 'EdDSA' }).setAudience(site.slug).setExpirationTime('5m').sign(privateKey);
    expect((await readerOf(kolom).tryPost(site, { url, signIn: token })).status).toBe(201);
    expect((await readerOf(kolom).tryPost(site, { url, body: 'With the old secret.', signIn: oldToken })).status).toBe(401);
    // Turned off: tokens mean nothing any more, and the thread says so.
    expect((await kolom.request('DELETE', `/api/v1/moderation/sites/${site.slug}/sign-in`, undefined, admin.headers)).status).toBe(200);
    expect((await readerOf(kolom).thread(site, url)).signIn).toBeNull();
    const audit = await kolom.request('GET', `/api/v1/moderation/audit?site=${site.slug}`, undefined, admin.headers);
    const methods = (audit.body.entries as Array<{ action: string; detail: { method?: string } }>)
      .filter((e) => e.action === 'site.sign-in')
      .map((e) => e.detail.method);
    expect(methods).toEqual(['off', 'public-key', 'secret']);
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('counts flood, duplicates and bans by account, whatever email the site gives it', async () => {
    const { site, secret } = await siteWithSecret({ floodSeconds: 60 });
    const url = 'https://news.example/sign-in/flood';
    const first = await readerOf(kolom, { headers: { 'x-forwarded-for': '198.51.100.1' } }).tryPost(site, {
      url,
      body: 'First.',
      signIn: await signWithSecret(secret, subscriber, { audience: site.slug }),
    });
    expect(first.status).toBe(201);
    // The same account under a new email, from another address: still the same author.
    const renamed = await signWithSecret(secret, { ...subscriber, email: 'ayu.new@example.org' }, { audience: site.slug });
    const soon = await readerOf(kolom, { headers: { 'x-forwarded-for': '198.51.100.2' } }).tryPost(site, { url, body: 'Second, too soon.', signIn: renamed });
    expect(soon.status).toBe(429);

    const banned = await siteWithSecret();
    const ban = await kolom.request('POST', '/api/v1/moderation/bans', { site: banned.site.slug, kind: 'account', value: subscriber.sub }, admin.headers);
    expect(ban.status).toBe(201);
    const posted = await readerOf(kolom).tryPost(banned.site, { url, signIn: await signWithSecret(banned.secret, subscriber, { audience: banned.site.slug }) });
    expect(posted.body.status).toBe('pending');
    expect((await kolom.verdictOf(posted.body.comment.id)).reasons).toContain('bans: the account is banned');
  });

  it('never shows the secret again: the sites list names the method only', async () => {
    const { site, secret } = await siteWithSecret();
    const sites = await kolom.request('GET', '/api/v1/moderation/sites', undefined, admin.headers);
    expect(JSON.stringify(sites.body)).not.toContain(secret);
    expect((sites.body as Array<{ slug: string; signIn: string }>).find((s) => s.slug === site.slug)?.signIn).toBe('secret');
  });
});
