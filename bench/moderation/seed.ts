/**
 * A million stored comments for the moderation benchmark, written with INSERT … SELECT
 * generate_series in one transaction: a few sites of unequal size, an archive of many articles,
 * WordPress-like statuses, and two articles of approved comments that the bulk rounds and the raw
 * baseline use up, 500 at a time.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { PATH_DIGITS } from '../../src/threads/sort-path.js';

/** Out of 100, by a hash of the comment's number, so every status is spread through the id range. */
export const STATUS_MIX = { approved: 85, pending: 5, spam: 7, trash: 3 } as const;
/** Twentieths of the archive's articles each site gets, largest first; the first is the demo site. */
const SITE_SHARES = [10, 5, 3, 2] as const;
const EXTRA_SITES = ['bench-city', 'bench-sport', 'bench-culture'] as const;
/** One comment every this many seconds, the newest now: a million span about a year. */
const SECONDS_APART = 30;
const AUTHORS = 40_000;

export interface SeedPlan {
  total: number;
  articles: number;
  /** Approved comments on each of the two working articles. */
  reserved: number;
  /** The demo site's PUBLIC_URL origin: the working articles live on it. */
  origin: string;
}

export interface Seeded {
  /** The demo site first. */
  siteIds: number[];
  siteSlugs: string[];
  /** The article the bulk rounds act on, and the one the raw baseline changes. */
  bulkArticleId: number;
  rawArticleId: number;
  /** Their approved comment ids, oldest first. */
  bulkIds: number[];
  rawIds: number[];
  firstId: number;
  lastId: number;
  counts: Record<string, number>;
  eventRows: number;
  commentsMs: number;
  eventsMs: number;
  vacuumMs: number;
  tableBytes: number;
  totalBytes: number;
}

/**
 * The article_events trigger is disabled for the insert and the outbox rows it would have written
 * (comment.created for each approved comment) are added afterwards in one statement: the seed is
 * setup, and firing a row trigger (an article row lock and an insert each) 850,000 times would only
 * make it slower. Comment ids are given explicitly (the identity allows it) so root_id and sort_path
 * can be written in the same statement; the sequence is moved past them at the end.
 */
export async function seedComments(pool: pg.Pool, plan: SeedPlan): Promise<Seeded> {
  const client = await pool.connect();
  // A session ended under it (the clean-up's DROP … WITH (FORCE)) fails the query in flight; the
  // client's own error event must not also crash the process.
  client.on('error', () => undefined);
  try {
    const demo = await client.query<{ id: number }>(`SELECT id FROM sites WHERE slug = 'demo'`);
    if (demo.rowCount !== 1) throw new Error('the server did not create the demo site');
    const base = Number((await client.query<{ max: string }>('SELECT COALESCE(max(id), 0) AS max FROM comments')).rows[0].max);
    const archived = plan.total - 2 * plan.reserved;
    const perArticle = Math.ceil(archived / plan.articles);

    await client.query('BEGIN');
    const extra = await client.query<{ id: number; slug: string }>(
      `INSERT INTO sites (slug, name, allowed_origins)
       SELECT slug, initcap(replace(slug, '-', ' ')), ARRAY['https://' || slug || '.example.org'] FROM unnest($1::text[]) AS slug
       RETURNING id, slug`,
      [EXTRA_SITES],
    );
    const siteIds = [demo.rows[0].id, ...extra.rows.map((r) => r.id)];
    const siteSlugs = ['demo', ...extra.rows.map((r) => r.slug)];

    // Article n of the archive belongs to the site in slot n % 20 (SITE_SHARES of the 20 slots
    // each); the two after it are the working articles, on the demo site. external_id carries n.
    const slots = SITE_SHARES.flatMap((share, k) => Array.from({ length: share }, () => k));
    const origins = siteSlugs.map((slug) => (slug === 'demo' ? plan.origin : `https://${slug}.example.org`));
    await client.query(
      `INSERT INTO articles (site_id, url, external_id, title)
       SELECT ($1::int[])[CASE WHEN n < $3 THEN s ELSE 1 END],
              CASE n - $3 WHEN 0 THEN $5::text || '/news/bench-moderation'
                          WHEN 1 THEN $5::text || '/news/bench-moderation-raw'
                          ELSE ($2::text[])[s] || '/news/archive-' || n END,
              'bench:' || n, 'Article ' || n
         FROM generate_series(0, $3::int + 1) AS n
        CROSS JOIN LATERAL (SELECT ($4::int[])[1 + n % cardinality($4::int[])] + 1 AS s) AS slot
        ORDER BY n`,
      [siteIds, origins, plan.articles, slots, plan.origin],
    );
    await client.query(
      `CREATE TEMP TABLE bench_articles ON COMMIT DROP AS
       SELECT substr(external_id, 7)::int AS n, id, site_id FROM articles WHERE external_id LIKE 'bench:%'`,
    );
    await client.query('ALTER TABLE bench_articles ADD PRIMARY KEY (n)');

    await client.query('ALTER TABLE comments DISABLE TRIGGER comments_article_events');
    const commentsStarted = performance.now();
    const mix = STATUS_MIX;
    await client.query(
      `INSERT INTO comments (id, site_id, article_id, parent_id, root_id, depth, sort_path, author_name, author_email,
                             body, body_hash, status, ip, user_agent, edit_token_hash, created_at, updated_at)
       SELECT $1::bigint + g, a.site_id, a.id, NULL, $1::bigint + g, 1, lpad(($1::bigint + g)::text, $2, '0'),
              'Reader ' || g % $3, 'reader' || g % $3 || '@example.org',
              x.body, md5(x.body), x.status, ('10.' || g % 250 || '.' || g / 250 % 250 || '.' || g / 62500 % 250)::inet,
              'Mozilla/5.0 (X11; Linux x86_64) bench', md5(g::text), x.at, x.at
         FROM generate_series(1, $4::int) AS g
        CROSS JOIN LATERAL (SELECT CASE WHEN g <= $5 THEN (g - 1) / $6
                                        WHEN g <= $5 + $7 THEN $8 ELSE $8 + 1 END AS n,
                                   (hashint4(g)::bigint + 2147483648) % 100 AS h) AS placed
         JOIN bench_articles a ON a.n = placed.n
        CROSS JOIN LATERAL (SELECT
              'Comment ' || g || '. ' || left('The council vote was closer than the headline suggests, and the budget line in the '
                || 'fourth paragraph deserves more attention than it gets here. Residents on the east side were told the bus '
                || 'route would stay, yet the timetable published last week says otherwise.', 60 + g % 180) AS body,
              CASE WHEN g > $5 THEN 'approved'
                   WHEN placed.h < $9 THEN 'approved'
                   WHEN placed.h < $10 THEN 'pending'
                   WHEN placed.h < $11 THEN 'spam'
                   ELSE 'trash' END AS status,
              now() - ($4::int - g) * make_interval(secs => $12) AS at) AS x
        ORDER BY g`,
      [
        base,
        PATH_DIGITS,
        AUTHORS,
        plan.total,
        archived,
        perArticle,
        plan.reserved,
        plan.articles,
        mix.approved,
        mix.approved + mix.pending,
        mix.approved + mix.pending + mix.spam,
        SECONDS_APART,
      ],
    );
    const commentsMs = performance.now() - commentsStarted;

    const eventsStarted = performance.now();
    const events = await client.query(
      `INSERT INTO article_events (article_id, comment_id, kind, created_at)
       SELECT article_id, id, 'comment.created', created_at FROM comments WHERE status = 'approved' AND id > $1 ORDER BY id`,
      [base],
    );
    await client.query('ALTER TABLE comments ENABLE TRIGGER comments_article_events');
    await client.query(`SELECT setval(pg_get_serial_sequence('comments', 'id'), (SELECT max(id) FROM comments))`);
    const working = await client.query<{ n: number; id: string }>(`SELECT n, id FROM bench_articles WHERE n >= $1 ORDER BY n`, [plan.articles]);
    await client.query('COMMIT');
    const eventsMs = performance.now() - eventsStarted;

    // What autovacuum would long have done to a table this old: statistics, and a visibility map
    // that lets the queue read its ids from the index alone.
    const vacuumStarted = performance.now();
    for (const table of ['comments', 'article_events', 'articles', 'sites']) await client.query(`VACUUM (ANALYZE) ${table}`);
    const vacuumMs = performance.now() - vacuumStarted;

    const [bulkArticleId, rawArticleId] = working.rows.map((r) => Number(r.id));
    const idsOf = async (articleId: number) =>
      (await client.query<{ id: string }>(`SELECT id FROM comments WHERE article_id = $1 AND status = 'approved' ORDER BY id`, [articleId])).rows.map((r) =>
        Number(r.id),
      );
    const statuses = await client.query<{ status: string; count: number }>(
      `SELECT status, count(*)::int AS count FROM comments GROUP BY status ORDER BY count DESC`,
    );
    const sizes = await client.query<{ table_bytes: string; total_bytes: string }>(
      `SELECT pg_relation_size('comments') AS table_bytes, pg_total_relation_size('comments') AS total_bytes`,
    );
    return {
      siteIds,
      siteSlugs,
      bulkArticleId,
      rawArticleId,
      bulkIds: await idsOf(bulkArticleId),
      rawIds: await idsOf(rawArticleId),
      firstId: base + 1,
      lastId: base + plan.total,
      counts: Object.fromEntries(statuses.rows.map((r) => [r.status, r.count])),
      eventRows: events.rowCount ?? 0,
      commentsMs,
      eventsMs,
      vacuumMs,
      tableBytes: Number(sizes.rows[0].table_bytes),
      totalBytes: Number(sizes.rows[0].total_bytes),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
