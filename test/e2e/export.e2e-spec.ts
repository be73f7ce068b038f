import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { writeExport } from '../../src/export/export-command.js';
import type { ExportFormat } from '../../src/export/export-records.js';
import { importFile, type ImportProgress } from '../../src/import/import-command.js';
import type { Site } from '../../src/sites/site.entity.js';
import { readerOf } from '../support/reader.js';
import { runCli } from '../support/server-process.js';
import { cliDatabase } from '../support/test-database.js';
import { startKolom, type SignedInModerator, type TestKolom } from '../support/test-app.js';

const ELECTION = 'https://news.example/2024/05/election-night';
const FINAL = 'https://news.example/sport/final';
const TRICKY = 'Less < more & "quotes" <b>not bold</b> ]]> and on.\n\nA second paragraph\nwith a line break.';
const quiet: ImportProgress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/** Every comment of a site as a thread shows it: article, text, author, status, and the text of the comment it sits under and answers. */
async function threadsOf(kolom: TestKolom, site: Site) {
  return kolom.dataSource.query(
    `SELECT a.url, a.title, c.body, c.author_name, c.author_email, c.author_website, host(c.ip) AS ip, c.status, c.depth,
            p.body AS under, r.body AS answers, extract(epoch FROM date_trunc('second', c.created_at))::bigint AS at
       FROM comments c JOIN articles a ON a.id = c.article_id
       LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN comments r ON r.id = c.reply_to_id
      WHERE c.site_id = $1 ORDER BY a.url, c.body`,
    [site.id],
  );
}

async function exported(
  kolom: TestKolom,
  site: Site,
  format: ExportFormat,
  options: { articleUrl?: string; batchSize?: number; now?: Date } = {},
): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  await writeExport(kolom.dataSource, site, format, out, options);
  return text;
}

/** The WXR's structure as an XML parser reads it: items with their comments' fields. */
function parseWxr(xml: string): Array<{ fields: Record<string, string>; comments: Array<Record<string, string>> }> {
  const items: ReturnType<typeof parseWxr> = [];
  const parser = new SaxesParser({ xmlns: true });
  let text = '';
  let comment: Record<string, string> | null = null;
  parser.on('opentag', (tag) => {
    text = '';
    if (tag.local === 'item') items.push({ fields: {}, comments: [] });
    if (tag.name === 'wp:comment') comment = {};
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    const item = items.at(-1);
    if (tag.name === 'wp:comment') {
      item!.comments.push(comment!);
      comment = null;
    } else if (comment) comment[tag.name] = text;
    else if (item && tag.local !== 'item') item.fields[tag.name] ??= text;
  });
  parser.write(xml).close();
  return items;
}

describe('exporting a site', () => {
  let kolom: TestKolom;
  let site: Site;
  let admin: SignedInModerator;

  beforeAll(async () => {
    kolom = await startKolom();
    site = await kolom.createSite({ maxDepth: 2 });
    admin = await kolom.signIn('admin');
    const post = (url: string, name: string, body: string, parentId?: number) =>
      readerOf(kolom).post(site, { url, name, email: `${name.toLowerCase()}@Example.org`, website: `https://${name.toLowerCase()}.example`, body, parentId });
    const alice = await post(ELECTION, 'Alice', TRICKY);
    const bob = await post(ELECTION, 'Bob', 'I agree with Alice.', alice.comment.id);
    // At max depth 2, a reply to Bob sits beside him and remembers that it answered him.
    await post(ELECTION, 'Carol', 'Bob, you would.', bob.comment.id);
    const held = await post(ELECTION, 'Dan', 'Held for a moderator.');
    const spam = await post(ELECTION, 'Eve', 'Cheap watches, spam.');
    const trashed = await post(FINAL, 'Frank', 'Trashed by a moderator.');
    const withdrawn = await post(FINAL, 'Grace', 'Withdrawn by its author.');
    await post(FINAL, 'Heidi', 'A plain comment on the final.');
    const setStatus = (id: number, status: string) => kolom.dataSource.query('UPDATE comments SET status = $2 WHERE id = $1', [id, status]);
    await setStatus(held.comment.id, 'pending');
    await kolom.dataSource.query(`UPDATE comments SET status = 'spam', spam_score = 0.97, spam_reasons = '["links", "classifier"]' WHERE id = $1`, [
      spam.comment.id,
    ]);
    await setStatus(trashed.comment.id, 'trash');
    await setStatus(withdrawn.comment.id, 'deleted');
    await kolom.dataSource.query(`UPDATE articles SET open = false, title = 'Election night & <after>' WHERE site_id = $1 AND url = $2`, [site.id, ELECTION]);
    // Starting the server, signing in (scrypt) and posting are slow on a busy machine.
  }, 120_000);
  afterAll(() => kolom.close());

  describe('as WordPress WXR', () => {
    let xml: string;
    beforeAll(async () => {
      // Batches of 2: every article and comment query pages on.
      xml = await exported(kolom, site, 'wxr', { batchSize: 2 });
    });

    it('parses, with one item per article and one wp:comment per comment, statuses as WordPress names them', () => {
      const items = parseWxr(xml);
      expect(items.map((i) => [i.fields.link, i.fields['wp:comment_status'], i.fields['wp:post_type'], i.fields['wp:status']])).toEqual([
        [ELECTION, 'closed', 'post', 'publish'],
        [FINAL, 'open', 'post', 'publish'],
      ]);
      expect(items[0].fields.title).toBe('Election night & <after>');
      const approval = Object.fromEntries(items.flatMap((i) => i.comments.map((c) => [c['wp:comment_author'], c['wp:comment_approved']])));
      expect(approval).toEqual({ Alice: '1', Bob: '1', Carol: '1', Dan: '0', Eve: 'spam', Frank: 'trash', Grace: 'trash', Heidi: '1' });
      const byAuthor = Object.fromEntries(items[0].comments.map((c) => [c['wp:comment_author'], c]));
      expect(byAuthor.Carol['wp:comment_parent']).toBe(byAuthor.Bob['wp:comment_id']);
      expect(byAuthor.Bob['wp:comment_parent']).toBe(byAuthor.Alice['wp:comment_id']);
      expect(byAuthor.Alice['wp:comment_parent']).toBe('0');
      expect(byAuthor.Alice['wp:comment_author_email']).toBe('alice@example.org');
      expect(byAuthor.Alice['wp:comment_author_url']).toBe('https://alice.example');
      expect(byAuthor.Alice['wp:comment_date_gmt']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(byAuthor.Alice['wp:comment_content']).toBe(TRICKY.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      expect(xml).toContain(']]]]><![CDATA[>');
    });

    it('imports into a fresh site as the same threads: articles, text, authors, statuses, nesting', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'kolom-export-'));
      try {
        const file = join(folder, 'export.xml');
        writeFileSync(file, xml);
        const fresh = await kolom.createSite({ maxDepth: 2 });
        const request = { file, format: 'wordpress', siteSlug: fresh.slug, dryRun: false, withPings: false, learn: false, batchSize: 3 } as const;
        const summary = await importFile(kolom.dataSource, request, quiet);
        expect(summary.importedCount).toBe(8);
        expect([...summary.skipped.keys(), ...summary.adjusted.keys()]).toEqual([]);
        // WordPress has no "withdrawn by its author": such a comment comes back in the trash.
        const expected = (await threadsOf(kolom, site)).map((row: { status: string }) => ({ ...row, status: row.status === 'deleted' ? 'trash' : row.status }));
        expect(await threadsOf(kolom, fresh)).toEqual(expected);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('holds only the article asked for', async () => {
      const items = parseWxr(await exported(kolom, site, 'wxr', { articleUrl: FINAL }));
      expect(items.map((i) => i.fields.link)).toEqual([FINAL]);
      expect(items[0].comments.map((c) => c['wp:comment_author'])).toEqual(['Frank', 'Grace', 'Heidi']);
    });
  });

  it('as JSON: the version, the site, articles with every field moderators see', async () => {
    const document = JSON.parse(await exported(kolom, site, 'json', { batchSize: 2 }));
    expect(document['kolom-export']).toBe(1);
    expect(document.site).toEqual({ slug: site.slug, name: site.name, origins: ['https://news.example'] });
    expect(document.articles.map((a: { url: string; open: boolean }) => [a.url, a.open])).toEqual([
      [ELECTION, false],
      [FINAL, true],
    ]);
    const [election] = document.articles;
    expect(Object.keys(election)).toEqual(['id', 'url', 'title', 'open', 'premoderation', 'createdAt', 'comments']);
    const byAuthor = Object.fromEntries(
      document.articles.flatMap((a: { comments: Array<{ authorName: string }> }) => a.comments.map((c) => [c.authorName, c])),
    );
    expect(byAuthor.Alice).toMatchObject({
      body: TRICKY,
      authorEmail: 'alice@example.org',
      authorWebsite: 'https://alice.example',
      status: 'approved',
      depth: 1,
    });
    expect(Object.keys(byAuthor.Alice).sort()).toEqual(
      [
        'id',
        'parentId',
        'replyToId',
        'depth',
        'authorName',
        'authorEmail',
        'authorWebsite',
        'body',
        'status',
        'spamScore',
        'spamReasons',
        'classifierP',
        'staff',
        'ip',
        'userAgent',
        'createdAt',
        'updatedAt',
        'editedAt',
        'editedFrom',
        'importKey',
      ].sort(),
    );
    expect(byAuthor.Alice.ip).toMatch(/\d/);
    // Readers' comments, judged by the checks (the classifier, untrained here, gave no p).
    expect(byAuthor.Alice).toMatchObject({ staff: false, classifierP: null });
    expect(byAuthor.Carol).toMatchObject({ parentId: byAuthor.Alice.id, replyToId: byAuthor.Bob.id, depth: 2 });
    expect(byAuthor.Eve).toMatchObject({ status: 'spam', spamReasons: ['links', 'classifier'] });
    expect(byAuthor.Eve.spamScore).toBeCloseTo(0.97);
    expect(byAuthor.Grace.status).toBe('deleted');
    expect(byAuthor.Dan.status).toBe('pending');
  });

  it('waits for a slow output to drain between writes, and writes the same export', async () => {
    let text = '';
    let drains = 0;
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk, _encoding, done) {
        text += chunk;
        setTimeout(done, 1);
      },
    });
    slow.on('drain', () => (drains += 1));
    await writeExport(kolom.dataSource, site, 'json', slow, { batchSize: 2, now: new Date(0) });
    // The export leaves the output open (stdout, a response): what it wrote reaches the text once flushed.
    await new Promise((resolve) => slow.end(resolve));
    expect(drains).toBeGreaterThan(3);
    expect(JSON.parse(text)).toEqual(JSON.parse(await exported(kolom, site, 'json', { now: new Date(0) })));
  });

  it('of a site without comments: a valid, empty WXR and JSON', async () => {
    const empty = await kolom.createSite();
    expect(parseWxr(await exported(kolom, empty, 'wxr'))).toEqual([]);
    expect(await exported(kolom, empty, 'wxr')).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(JSON.parse(await exported(kolom, empty, 'json')).articles).toEqual([]);
  });

  describe('as a download from the moderation API', () => {
    const path = (slug: string, query: string) => `/api/v1/moderation/sites/${slug}/export?${query}`;

    it('gives an admin the WXR as an attachment, and logs who took it', async () => {
      const answer = await kolom.request<string>('GET', path(site.slug, 'format=wxr'), undefined, admin.headers);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      expect(answer.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="kolom-${site.slug}-\\d{4}-\\d\\d-\\d\\d\\.wxr\\.xml"$`));
      expect(answer.headers.get('cache-control')).toBe('private, no-store');
      const withoutTime = (xml: string) => xml.replace(/exported \S+:/, 'exported …:');
      expect(withoutTime(answer.body)).toBe(withoutTime(await exported(kolom, site, 'wxr')));
      const audit = await kolom.request('GET', `/api/v1/moderation/audit?site=${site.slug}`, undefined, admin.headers);
      expect(audit.body.entries[0]).toMatchObject({
        action: 'site.export',
        siteId: site.id,
        moderator: { id: admin.id },
        detail: { format: 'wxr', article: null },
      });
    });

    it("gives an admin one article's JSON", async () => {
      const answer = await kolom.request(
        'GET',
        path(site.slug, `format=json&article=${encodeURIComponent(`${FINAL}/?utm_source=x`)}`),
        undefined,
        admin.headers,
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-disposition')).toMatch(/\.json"$/);
      expect(answer.body.articles.map((a: { url: string }) => a.url)).toEqual([FINAL]);
      expect(answer.body.articles[0].comments).toHaveLength(3);
    });

    it('refuses moderators (even of the site), answers 404 for an unknown site or article, 400 for an unknown format', async () => {
      const own = await kolom.signIn('moderator', [site]);
      const other = await kolom.signIn('moderator', [await kolom.createSite()]);
      expect((await kolom.request('GET', path(site.slug, 'format=json'), undefined, own.headers)).status).toBe(403);
      expect((await kolom.request('GET', path(site.slug, 'format=json'), undefined, other.headers)).status).toBe(403);
      expect((await kolom.request('GET', path(site.slug, 'format=json'))).status).toBe(401);
      expect((await kolom.request('GET', path('no-such-site', 'format=json'), undefined, admin.headers)).status).toBe(404);
      expect((await kolom.request('GET', path(site.slug, 'format=json&article=https://news.example/never'), undefined, admin.headers)).status).toBe(404);
      expect((await kolom.request('GET', path(site.slug, 'format=csv'), undefined, admin.headers)).status).toBe(400);
    }, 90_000);
  });
});

/** The command as an operator runs it, on a database of its own. */
describe('npm run kolom -- export', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kolom-export-cli-'));
    database = await cliDatabase(folder);
    ({ env } = database);
    for (const slug of ['courier', 'empty']) expect((await runCli(['site:create', '--slug', slug, '--origin', 'https://news.example'], env)).code).toBe(0);
    expect((await runCli(['import:wordpress', 'test/fixtures/import/wordpress.xml', '--site', 'courier', '--no-learn'], env)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes WXR to stdout and its tally to stderr', async () => {
    const run = await runCli(['export', '--site', 'courier', '--format', 'wxr'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Exported 12 comments on 2 articles of "courier" as wxr\./);
    const items = parseWxr(run.stdout);
    expect(items.map((i) => i.comments.length)).toEqual([9, 3]);
  }, 90_000);

  it('writes JSON to a file, one article with --article', async () => {
    const file = join(folder, 'final.json');
    const run = await runCli(['export', '--site', 'courier', '--format', 'json', '--article', 'https://news.example/sport/final/', '--output', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const document = JSON.parse(readFileSync(file, 'utf8'));
    expect(document.articles.map((a: { url: string }) => a.url)).toEqual(['https://news.example/sport/final']);
    expect(document.articles[0].comments.map((c: { importKey: string }) => c.importKey)).toEqual(expect.arrayContaining(['wordpress:201']));
  }, 90_000);

  it('exports an empty site, and refuses an unknown site, article or format with exit code 1', async () => {
    const empty = await runCli(['export', '--site', 'empty', '--format', 'json'], env);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout).articles).toEqual([]);
    const unknown = await runCli(['export', '--site', 'nowhere', '--format', 'json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is no site "nowhere"/);
    const article = await runCli(['export', '--site', 'courier', '--format', 'json', '--article', 'https://news.example/never'], env);
    expect(article.code).toBe(1);
    expect(article.stderr).toMatch(/There is no article "https:\/\/news.example\/never"/);
    const format = await runCli(['export', '--site', 'courier', '--format', 'csv'], env);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/--format wxr or json/);
  }, 90_000);
});
