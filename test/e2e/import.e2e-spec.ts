import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedWxr } from '../../bench/support/generated-wxr.js';
import { openCliDatabase } from '../../src/cli/cli-database.js';
import { loadConfig } from '../../src/config/config.js';
import { importFile, type ImportProgress, type ImportRequest } from '../../src/import/import-command.js';
import type { ImportSummary } from '../../src/import/import-summary.js';
import type { Site } from '../../src/sites/site.entity.js';
import type { PublicComment } from '../../src/threads/public-comment.js';
import { readerOf } from '../support/reader.js';
import { CLI_ENTRY, runCli } from '../support/server-process.js';
import { cliDatabase } from '../support/test-database.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

const FIXTURES = 'test/fixtures/import';
const quiet: ImportProgress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/** A thread as names: each comment's author with its replies. */
type Shape = Array<[string, Shape]> | Array<string | [string, Shape]>;
function shapeOf(comments: PublicComment[]): Shape {
  return comments.map((c) => (c.replies.length ? [c.author!.name, shapeOf(c.replies)] : c.author!.name)) as Shape;
}

describe('bringing comments from WordPress and Disqus', () => {
  let kolom: TestKolom;

  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom.close());

  function importInto(site: Site, format: ImportRequest['format'], fixture: string, options: Partial<ImportRequest> = {}): Promise<ImportSummary> {
    const request: ImportRequest = {
      file: join(FIXTURES, fixture),
      format,
      siteSlug: site.slug,
      dryRun: false,
      withPings: false,
      learn: true,
      batchSize: 500,
      ...options,
    };
    return importFile(kolom.dataSource, request, quiet);
  }

  async function statusCounts(site: Site): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number }> = await kolom.dataSource.query(
      'SELECT status, count(*)::int AS n FROM comments WHERE site_id = $1 GROUP BY status ORDER BY status',
      [site.id],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  async function idOf(site: Site, key: string): Promise<number> {
    const [row] = await kolom.dataSource.query('SELECT id FROM comments WHERE site_id = $1 AND import_key = $2', [site.id, key]);
    return Number(row.id);
  }

  describe('a WordPress export', () => {
    let site: Site;
    let summary: ImportSummary;

    beforeAll(async () => {
      site = await kolom.createSite({ maxDepth: 2 });
      summary = await importInto(site, 'wordpress', 'wordpress.xml');
    });

    it('imports every comment with its original status and counts them', async () => {
      expect(summary.imported).toEqual({ approved: 9, pending: 1, spam: 1, trash: 1 });
      expect(summary.articlesCreated).toBe(2);
      expect(await statusCounts(site)).toEqual({ approved: 9, pending: 1, spam: 1, trash: 1 });
    });

    it('skips pingbacks, future dates, items without a URL or off the site, each with its line, and says why', () => {
      const skipped = Object.fromEntries([...summary.skipped].map(([reason, tally]) => [reason, tally.examples]));
      expect(skipped).toEqual({
        'pingback (import them with --with-pings)': ['line 127 (id 108)'],
        'date in the future': ['line 141 (id 109)'],
        "URL not on the site's origins (https://news.example)": ['line 232 (id 30)'],
        "its article was skipped (URL not on the site's origins (https://news.example))": ['line 236 (id 301)'],
        'item without a URL': ['line 246 (id 40)'],
        'its article was skipped (item without a URL)': ['line 250 (id 401)'],
      });
      const adjusted = Object.fromEntries([...summary.adjusted].map(([reason, tally]) => [reason, tally.examples]));
      expect(adjusted).toEqual({
        'parent not in the file (imported as a top-level comment)': ['line 113 (id 107)'],
        'parent on another article (imported as a top-level comment)': ['line 217 (id 203)'],
      });
      expect(summary.format()).toMatch(/Imported 12 comments \(9 approved, 1 pending, 1 spam, 1 trash\); 0 already imported before\.\nSkipped 6 /);
    });

    it('shows the approved comments through the thread API, nested as Kolom nests replies', async () => {
      const reader = readerOf(kolom);
      const page = await reader.thread(site, 'https://news.example/2024/05/election-night');
      expect(page.article.title).toBe('Election night & after');
      expect(page.total).toBe(6);
      // At max depth 2, Carol's reply to Bob sits beside it, under Alice, and remembers whom it answered.
      expect(shapeOf(page.comments)).toEqual([['Alice', ['Bob', 'Carol']], ['Heidi', ['Grace']], 'Frank']);
      const [alice] = page.comments;
      expect(alice.replies[1].replyToId).toBe(alice.replies[0].id);
      expect(alice.replies[1].parentId).toBe(alice.id);
      expect(alice.createdAt).toBe('2024-05-06T21:10:00.000Z');
      expect(alice.author!.website).toBe('https://alice.example.org');
      const final = await reader.thread(site, 'https://news.example/sport/final');
      expect(shapeOf(final.comments)).toEqual([['Ivan', ['Judy']], 'Mallory']);
    });

    it('turns comment HTML into plain text: paragraphs, links with their address, entities decoded', async () => {
      const [alice] = await kolom.dataSource.query('SELECT body, author_email FROM comments WHERE site_id = $1 AND import_key = $2', [
        site.id,
        'wordpress:101',
      ]);
      expect(alice.body).toBe('First paragraph, with the report (https://example.org/report) & bold words.\n\nSecond — "quoted" <not a tag>');
      expect(alice.author_email).toBe('alice@example.org');
      const [bob] = await kolom.dataSource.query('SELECT body FROM comments WHERE site_id = $1 AND import_key = $2', [site.id, 'wordpress:102']);
      expect(bob.body).toBe('I agree.\n\nTwo paragraphs\nand a line break.');
    });

    it('writes no live events for imported comments', async () => {
      const [{ n }] = await kolom.dataSource.query(
        'SELECT count(*)::int AS n FROM article_events e JOIN comments c ON c.id = e.comment_id WHERE c.site_id = $1',
        [site.id],
      );
      expect(n).toBe(0);
    });

    it('teaches the classifier from the approved and spam comments', async () => {
      const rows: Array<{ label: string; n: number }> = await kolom.dataSource.query(
        'SELECT label, count(*)::int AS n FROM spam_training WHERE site_id = $1 GROUP BY label ORDER BY label',
        [site.id],
      );
      expect(rows).toEqual([
        { label: 'ham', n: 9 },
        { label: 'spam', n: 1 },
      ]);
    });

    it('imports nothing twice when run again', async () => {
      const again = await importInto(site, 'wordpress', 'wordpress.xml');
      expect(again.importedCount).toBe(0);
      expect(again.alreadyImported).toBe(12);
      expect(again.articlesFound).toBe(2);
      expect(await statusCounts(site)).toEqual({ approved: 9, pending: 1, spam: 1, trash: 1 });
    });

    it('takes pingbacks too with --with-pings, and a live comment still starts its own events', async () => {
      const more = await importInto(site, 'wordpress', 'wordpress.xml', { withPings: true });
      expect(more.imported).toEqual({ approved: 1 });
      const pingback = await idOf(site, 'wordpress:108');
      expect(pingback).toBeGreaterThan(0);
      // The trigger is silent only inside an import's transaction.
      const reader = readerOf(kolom);
      const posted = await reader.post(site, {
        url: 'https://news.example/sport/final',
        name: 'Live',
        email: 'live@example.org',
        body: 'Posted the usual way.',
      });
      const [{ n }] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM article_events WHERE comment_id = $1', [posted.comment.id]);
      expect(posted.status).toBe('approved');
      expect(n).toBe(1);
    });
  });

  it('a dry run reads and reports but writes nothing', async () => {
    const site = await kolom.createSite();
    const summary = await importInto(site, 'wordpress', 'wordpress.xml', { dryRun: true });
    expect(summary.imported).toEqual({ approved: 9, pending: 1, spam: 1, trash: 1 });
    expect(summary.format()).toMatch(/^Dry run: nothing was written\.\nArticles: 2 to create, 0 already there\.\nWould import 12 comments/);
    expect(await statusCounts(site)).toEqual({});
    const [{ n }] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM articles WHERE site_id = $1', [site.id]);
    expect(n).toBe(0);
  });

  it("makes imported authors known: under first-time premoderation an imported approved author's new comment goes straight up", async () => {
    const site = await kolom.createSite({ premoderation: 'first-time' });
    await importInto(site, 'wordpress', 'wordpress.xml', { learn: false });
    const reader = readerOf(kolom);
    const url = 'https://news.example/sport/final';
    expect((await reader.post(site, { url, name: 'Alice', email: 'alice@example.org', body: 'Back again after the move.' })).status).toBe('approved');
    expect((await reader.post(site, { url, name: 'Newcomer', email: 'new@example.org', body: 'My first comment here.' })).status).toBe('pending');
  });

  it('rolls back a batch the database refuses, stops saying which lines, and resumes from there when run again', async () => {
    const site = await kolom.createSite({ maxDepth: 2 });
    // A stand-in for any failure inside a batch: the database refuses Judy's reply (comment 202).
    await kolom.dataSource.query(`CREATE FUNCTION import_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.site_id = ${site.id} AND NEW.body = 'It was.' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await kolom.dataSource.query('CREATE TRIGGER import_test_refuse BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION import_test_refuse()');
    try {
      await expect(importInto(site, 'wordpress', 'wordpress.xml', { batchSize: 3 })).rejects.toThrow(
        /^The batch of comments at lines 189–217 could not be written \(refused for the test\); it was rolled back\. Run the import again to resume\.$/,
      );
      // The earlier batches (post 10's comments, and its reply that waited for a parent) stay; nothing of the refused batch does.
      expect(await statusCounts(site)).toEqual({ approved: 5, pending: 1, spam: 1, trash: 1 });
      const [{ n }] = await kolom.dataSource.query("SELECT count(*)::int AS n FROM comments WHERE site_id = $1 AND import_key LIKE 'wordpress:2%'", [site.id]);
      expect(n).toBe(0);
    } finally {
      await kolom.dataSource.query('DROP TRIGGER import_test_refuse ON comments');
      await kolom.dataSource.query('DROP FUNCTION import_test_refuse()');
    }
    const resumed = await importInto(site, 'wordpress', 'wordpress.xml', { batchSize: 3 });
    expect(resumed.alreadyImported).toBe(8);
    expect(await statusCounts(site)).toEqual({ approved: 9, pending: 1, spam: 1, trash: 1 });
  });

  it('learns nothing with --no-learn', async () => {
    const site = await kolom.createSite();
    await importInto(site, 'wordpress', 'wordpress.xml', { learn: false });
    const [{ n }] = await kolom.dataSource.query('SELECT count(*)::int AS n FROM spam_training WHERE site_id = $1', [site.id]);
    expect(n).toBe(0);
  });

  describe('a Disqus export', () => {
    let site: Site;
    let summary: ImportSummary;

    beforeAll(async () => {
      site = await kolom.createSite();
      summary = await importInto(site, 'disqus', 'disqus.xml');
    });

    it('imports threads as articles and posts as comments, with spam, deleted and unapproved posts kept as such', async () => {
      expect(summary.imported).toEqual({ approved: 8, spam: 1, trash: 1, pending: 1 });
      expect(summary.articlesCreated).toBe(2);
      expect(await statusCounts(site)).toEqual({ approved: 8, pending: 1, spam: 1, trash: 1 });
      const skipped = Object.fromEntries([...summary.skipped].map(([reason, tally]) => [reason, tally.examples]));
      expect(skipped).toEqual({
        "URL not on the site's origins (https://news.example)": ['line 41 (id t3)'],
        'item without a URL': ['line 57 (id t4)'],
        'date in the future': ['line 160 (id p7)'],
        "its article was skipped (URL not on the site's origins (https://news.example))": ['line 232 (id p12)'],
        'its article was skipped (item without a URL)': ['line 246 (id p13)'],
      });
      expect([...summary.adjusted.keys()]).toEqual(['parent not in the file (imported as a top-level comment)']);
    });

    it('nests the posts and converts their HTML', async () => {
      const page = await readerOf(kolom).thread(site, 'https://news.example/2024/05/election-night');
      expect(shapeOf(page.comments)).toEqual([['Alice', [['Bob', ['Carol']]]], ['Heidi', ['Grace']], 'Frank']);
      expect(page.comments[0].body).toBe('First paragraph, with the report (https://example.org/report) & bold words.\n\nSecond — "quoted"');
      expect(page.comments[0].replies[0].body).toBe('I agree.\nOn two lines.');
    });

    it('imports nothing twice when run again', async () => {
      const again = await importInto(site, 'disqus', 'disqus.xml');
      expect(again.importedCount).toBe(0);
      expect(again.alreadyImported).toBe(11);
    });
  });

  it('refuses a file that is neither format, and one that stops being XML, saying where; nothing of it is written', async () => {
    const site = await kolom.createSite();
    await expect(importInto(site, 'wordpress', 'unknown-format.xml')).rejects.toThrow(
      /neither a WordPress export .* nor a Disqus export .*: its root is <feed>/,
    );
    await expect(importInto(site, 'disqus', 'wordpress.xml')).rejects.toThrow(/its root is <rss>/);
    await expect(importInto(site, 'wordpress', 'malformed.xml')).rejects.toThrow(/not well-formed XML at line 24, column \d+/);
    expect(await statusCounts(site)).toEqual({});
  });
});

/** The commands as an operator runs them, on a database of their own. */
describe('npm run kolom -- import:…', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  let env: Record<string, string>;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kolom-import-'));
    database = await cliDatabase(folder);
    ({ env } = database);
    for (const slug of ['courier', 'gazette']) expect((await runCli(['site:create', '--slug', slug, '--origin', 'https://news.example'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  async function count(sql: string): Promise<number> {
    const db = await openCliDatabase(loadConfig({ LOG_LEVEL: 'silent', ...env }));
    try {
      const [row] = await db.dataSource.query(sql);
      return Number(row.n);
    } finally {
      await db.close();
    }
  }

  it('prints the dry run, then the import, and exits 0', async () => {
    const dry = await runCli(['import:wordpress', join(FIXTURES, 'wordpress.xml'), '--site', 'courier', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run: nothing was written\.[\s\S]*Would import 12 comments/);
    expect(await count('SELECT count(*) AS n FROM comments')).toBe(0);

    const real = await runCli(['import:wordpress', join(FIXTURES, 'wordpress.xml'), '--site', 'courier'], env);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/Imported 12 comments \(9 approved, 1 pending, 1 spam, 1 trash\)/);
    expect(real.stdout).toMatch(/1 × date in the future: line 141 \(id 109\)/);
    expect(real.stderr).toMatch(/Committed 12 comments/);
  });

  it('stops on a malformed file with its line and exit code 1', async () => {
    const bad = await runCli(['import:wordpress', join(FIXTURES, 'malformed.xml'), '--site', 'courier'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/The file is not well-formed XML at line 24, column \d+/);
    expect(await count("SELECT count(*) AS n FROM comments WHERE import_key = 'wordpress:1'")).toBe(0);
  });

  it('resumes after being killed mid-file, importing every comment exactly once', async () => {
    const file = join(folder, 'large.xml');
    const total = 3000;
    await writeGeneratedWxr(file, total);
    const inGazette = "SELECT count(*) AS n FROM comments c JOIN sites s ON s.id = c.site_id WHERE s.slug = 'gazette'";

    const child = spawn(process.execPath, [CLI_ENTRY, 'import:wordpress', file, '--site', 'gazette', '--batch-size', '100', '--no-learn'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr.on('data', (chunk) => {
        seen += chunk;
        if (/Committed \d+ comments/.test(seen)) resolve();
      });
      child.once('exit', () => resolve());
    });
    child.kill('SIGKILL');
    await exited;
    const partial = await count(inGazette);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);

    const again = await runCli(['import:wordpress', file, '--site', 'gazette', '--batch-size', '100', '--no-learn'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`; ${partial} already imported before.`);
    expect(await count(inGazette)).toBe(total);
    expect(await count(`${inGazette.replace('count(*)', 'count(DISTINCT c.import_key)')}`)).toBe(total);
  }, 120_000);
});
