import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../../src/config/config.js';
import { DEFAULT_SITE_SETTINGS } from '../../src/sites/site-settings.js';
import type { Site } from '../../src/sites/site.entity.js';
import { akismetCommentCheck } from '../../src/spam/akismet-client.js';
import { AkismetCheck } from '../../src/spam/checks/akismet.check.js';
import type { SpamCandidate } from '../../src/spam/spam-check.js';
import { type FakeAkismet, startFakeAkismet } from '../support/fake-akismet.js';
import { readerOf } from '../support/reader.js';
import { commentForm, startKolom, type TestKolom } from '../support/test-app.js';

/**
 * The Akismet check speaking the real comment-check protocol over HTTP, to a local fake that
 * follows Akismet's documented test values: never to the internet.
 */

const AWAITING = 'Your comment is awaiting moderation.';
const TIMEOUT_MS = 300;
let readerCounter = 0;
const newEmail = () => `akismet-reader${++readerCounter}@example.org`;

describe('Akismet', () => {
  let fake: FakeAkismet;
  let kolom: TestKolom;
  let site: Site;

  beforeAll(async () => {
    fake = await startFakeAkismet('test-key');
    kolom = await startKolom({
      TRUST_PROXY: '1',
      AKISMET_KEY: 'test-key',
      AKISMET_URL: fake.url,
      AKISMET_TEST: 'true',
      AKISMET_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    site = await kolom.createSite();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await kolom?.close();
    await fake?.close();
  });

  /** Each comment from a reader of its own: a new email. */
  const newReader = (headers: Record<string, string> = {}) => readerOf(kolom, { fields: { email: newEmail() }, headers });
  const stored = (id: number) => kolom.verdictOf(id);
  /** The requests the fake gets while `work` runs. */
  const requestsDuring = async <T>(work: () => Promise<T>) => {
    const before = fake.requests.length;
    const result = await work();
    return { result, requests: fake.requests.slice(before) };
  };

  it('stores a guaranteed-spam author as spam and answers exactly like a held comment', async () => {
    const { result: posted, requests } = await requestsDuring(() =>
      newReader().post(site, { name: 'akismet-guaranteed-spam', body: 'Nice post, visit my site.' }),
    );
    expect(requests).toHaveLength(1);
    expect(posted).toMatchObject({ status: 'pending', message: AWAITING });
    expect(await stored(posted.comment.id)).toEqual({ status: 'spam', score: 5, reasons: ['akismet: spam'] });
  });

  it('scores blatant spam (the "discard" pro-tip) higher', async () => {
    const posted = await newReader().post(site, { email: 'akismet-guaranteed-spam@example.com' });
    expect(posted).toMatchObject({ status: 'pending', message: AWAITING });
    expect(await stored(posted.comment.id)).toEqual({ status: 'spam', score: 10, reasons: ['akismet: blatant spam'] });
  });

  it('publishes an ordinary comment after one comment-check request with the documented fields', async () => {
    const email = newEmail();
    const before = Date.now();
    const { result: posted, requests } = await requestsDuring(() =>
      newReader({ 'X-Forwarded-For': '198.51.100.23', 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }).post(site, {
        url: 'https://News.Example/politics/budget-vote/?utm_source=newsletter#comments',
        name: 'Ayu Lestari',
        email,
        website: 'https://ayu.example.org',
        body: 'The council should publish the full budget before the vote.',
      }),
    );
    expect(posted.status).toBe('approved');
    expect(await stored(posted.comment.id)).toEqual({ status: 'approved', score: 0, reasons: [] });

    expect(requests).toHaveLength(1);
    const [sent] = requests;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/1.1/comment-check');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.headers['user-agent']).toBe('Kolom/0.1 | Akismet/1.0');
    const { comment_date_gmt: date, ...form } = sent.form;
    expect(form).toEqual({
      api_key: 'test-key',
      blog: 'https://news.example',
      user_ip: '198.51.100.23',
      user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      referrer: '',
      permalink: 'https://news.example/politics/budget-vote',
      comment_type: 'comment',
      comment_author: 'Ayu Lestari',
      comment_author_email: email,
      comment_author_url: 'https://ayu.example.org',
      comment_content: 'The council should publish the full budget before the vote.',
      blog_lang: 'en',
      blog_charset: 'UTF-8',
      is_test: '1',
    });
    expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(date)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(date)).toBeLessThanOrEqual(Date.now());
  });

  it('fails open when Akismet is slower than the timeout, without waiting for it', async () => {
    fake.delayMs = 3000;
    const started = Date.now();
    const { result: posted, requests } = await requestsDuring(() => newReader().post(site, { name: 'akismet-guaranteed-spam' }));
    const elapsed = Date.now() - started;
    expect(requests).toHaveLength(1);
    expect(elapsed).toBeLessThan(1500);
    expect(posted.status).toBe('approved');
    expect(await stored(posted.comment.id)).toEqual({ status: 'approved', score: 0, reasons: [`akismet: did not answer within ${TIMEOUT_MS} ms`] });
  });

  it('fails open when Akismet refuses the key, saying why', async () => {
    fake.key = 'another-key';
    const posted = await newReader().post(site, { name: 'akismet-guaranteed-spam' });
    expect(posted.status).toBe('approved');
    expect(await stored(posted.comment.id)).toEqual({ status: 'approved', score: 0, reasons: ['akismet: refused the request (Invalid key)'] });
  });

  it('fails open on a server error', async () => {
    fake.failWith = 500;
    const posted = await newReader().post(site, { email: 'akismet-guaranteed-spam@example.com' });
    expect(posted.status).toBe('approved');
    expect(await stored(posted.comment.id)).toEqual({ status: 'approved', score: 0, reasons: ['akismet: failed (HTTP 500)'] });
  });

  it('never lets a failed Akismet pass a comment another check stopped', async () => {
    fake.failWith = 500;
    const posted = await newReader().post(site, { body: 'Sources: https://a.example and https://b.example' });
    expect(posted.status).toBe('pending');
    expect(await stored(posted.comment.id)).toEqual({
      status: 'pending',
      score: 2,
      reasons: ['links: 2 links (limit 2)', 'akismet: failed (HTTP 500)'],
    });
  });

  it('sends nothing to Akismet without AKISMET_KEY', async () => {
    const keyless = await startKolom({ AKISMET_URL: fake.url, AKISMET_TEST: 'true' });
    try {
      const other = await keyless.createSite();
      const before = fake.requests.length;
      const answer = await readerOf(keyless).send(commentForm(other, { name: 'akismet-guaranteed-spam', email: newEmail() }));
      expect(answer.status).toBe(201);
      expect(answer.body.status).toBe('approved');
      expect(fake.requests.length).toBe(before);
      const [row] = await keyless.dataSource.query('SELECT spam_reasons FROM comments WHERE id = $1', [answer.body.comment.id]);
      expect(row.spam_reasons).toEqual([]);
    } finally {
      await keyless.close();
    }
  });
});

describe('Akismet, the client and the check without the app', () => {
  let fake: FakeAkismet;
  beforeAll(async () => {
    fake = await startFakeAkismet('test-key');
  });
  afterEach(() => {
    fake.reset();
    jest.restoreAllMocks();
  });
  afterAll(() => fake.close());

  const candidate: SpamCandidate = {
    siteId: 1,
    settings: DEFAULT_SITE_SETTINGS,
    premoderation: DEFAULT_SITE_SETTINGS.premoderation,
    edit: false,
    articleId: 1,
    articleUrl: 'https://news.example/politics/budget-vote',
    siteUrl: 'https://news.example',
    body: 'A very private remark.',
    authorName: 'akismet-guaranteed-spam',
    authorEmail: 'private-reader@example.org',
    authorWebsite: null,
    ip: '203.0.113.77',
    userAgent: 'Mozilla/5.0',
    formToken: undefined,
    honeypot: undefined,
  };
  const check = (env: Record<string, string>) => new AkismetCheck(loadConfig({ AKISMET_TEST: 'true', ...env }));

  it('follows the documented test values: administrator with is_test is never spam', async () => {
    const endpoint = { url: fake.url, key: 'test-key', timeoutMs: 1000 };
    const fields = { blog: 'https://news.example', user_ip: '203.0.113.77', comment_author: 'akismet-guaranteed-spam' };
    expect(await akismetCommentCheck(endpoint, fields)).toEqual({ verdict: 'spam', discard: false });
    expect(await akismetCommentCheck(endpoint, { ...fields, user_role: 'administrator', is_test: '1' })).toEqual({ verdict: 'ham' });
    expect(await akismetCommentCheck(endpoint, { ...fields, user_ip: '' })).toEqual({ verdict: 'invalid', debugHelp: 'Empty "user_ip" value' });
  });

  it('asks nothing when no key is configured', async () => {
    const before = fake.requests.length;
    expect(await check({ AKISMET_URL: fake.url }).check(candidate)).toBeNull();
    expect(fake.requests.length).toBe(before);
  });

  it('logs one warning when it fails open, with neither the key nor anything of the comment', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    fake.key = 'the-right-key';
    const refused = await check({ AKISMET_URL: fake.url, AKISMET_KEY: 'secret-key-123' }).check(candidate);
    expect(refused).toEqual({ score: 0, reason: 'refused the request (Invalid key)' });
    // A port nothing listens on: the fake's, once closed.
    const closed = await startFakeAkismet();
    await closed.close();
    const unreachable = await check({ AKISMET_URL: closed.url, AKISMET_KEY: 'secret-key-123' }).check(candidate);
    expect(unreachable).toEqual({ score: 0, reason: 'failed (ECONNREFUSED)' });

    expect(warn).toHaveBeenCalledTimes(2);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('Invalid key');
    expect(logged).toContain('ECONNREFUSED');
    for (const secret of ['secret-key-123', candidate.authorEmail, candidate.ip!, candidate.body, candidate.authorName]) {
      expect(logged).not.toContain(secret);
    }
  });
});
