/**
 * Outbox NOTIFY benchmark: what waking the other Kolom nodes with NOTIFY costs single-row INSERTs of
 * approved comments on a real PostgreSQL. 50 loops on a pool of 10 run three variants, interleaved
 * A B C A B C … in one run so that drift (other load, table growth) hits all alike:
 *   A  the outbox trigger as shipped (1795598374889-ArticleEvents), no NOTIFY at all: the baseline
 *   B  the rejected design, kept for the record: the same trigger function plus a per-row
 *      `pg_notify('kolom_article_events', '<article id>:<event id>')`, two sessions LISTENing
 *   C  what Kolom does: the shipped trigger, and after its own inserts commit the node announces
 *      them with Kolom's own CommitAnnouncer (src/realtime/commit-announcer.ts): a
 *      `SELECT pg_notify('kolom_article_events', '<node id> <article id>,<article id>,…')` of its
 *      own on the pool, at most one in flight, each naming every article committed since the last;
 *      two sessions LISTENing count what they get
 * Why C: PostgreSQL serialises the commits of transactions that have NOTIFYed (a global lock on the
 * notification queue, held while the commit waits for its WAL flush and while it still holds its
 * row locks, here the article row the trigger locks). In B every comment insert takes that lock; in
 * C only the announcements do, one at a time, holding no row locks, so comment inserts keep
 * committing in parallel. The outbox table stays the source of truth: a notification only says
 * "look at these articles".
 * Exits 0 unless something broke (a listener missing a notification counts). `npm run bench:outbox`.
 *
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names
 * the PostgreSQL on which a throw-away database kolom_bench_<random> is created and dropped.
 * OUTBOX_BENCH_ROUNDS (default 5, at least 3) and OUTBOX_BENCH_SECONDS (default 5) size the rounds.
 */
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { CommitAnnouncer, OUTBOX_CHANNEL, parseAnnouncement } from '../src/realtime/commit-announcer.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { BODY_CHARS, commentBody } from './support/demo-site.js';
import { fmt, loadAverage, percentile, printHeading, printLoadAtEnd, printSummary } from './support/report.js';
import { cleaningUp, runBench } from './support/run-bench.js';

const ROUNDS = Number(process.env.OUTBOX_BENCH_ROUNDS || 5);
const ROUND_SECONDS = Number(process.env.OUTBOX_BENCH_SECONDS || 5);
const WARM_UP_SECONDS = 2;
const POOL_SIZE = 10;
const LOOPS = 50;
const ARTICLES = 8;
const CHANNEL = OUTBOX_CHANNEL;
/** Notifications arrive after the commit that sent them: how long B and C rounds wait for the last ones. */
const DRAIN_TIMEOUT_MS = 10_000;
const RUN_ID = randomBytes(3).toString('hex');
/** C's payloads start with the sending node's id, so a node can ignore its own announcements. */
const NODE_ID = `bench-${RUN_ID}`;

type Variant = 'A' | 'B' | 'C';
const VARIANTS: Record<Variant, { label: string }> = {
  A: { label: 'A  shipped trigger, no NOTIFY' },
  B: { label: 'B  trigger NOTIFY (rejected)' },
  C: { label: "C  Kolom's batched NOTIFY" },
};
interface Listener {
  client: pg.Client;
  /** B's per-row notifications, `<article id>:<event id>`. */
  rows: number;
  /** C's notifications, `<node id> <article id>,…`, and the article ids they named. */
  batches: number;
  articleIds: number;
  seen: Set<string>;
  malformed: number;
}
interface Measured {
  rows: number;
  seconds: number;
  rate: number;
  /** sorted, ms */ latencies: number[];
  articles: Set<string>;
}
type Round = Measured & { variant: Variant; vsA: number };

// Clean-up: whatever happens (error, Ctrl-C), the loops stop, the connections close and the bench
// database is dropped.
const database = new BenchDatabase();
const state = { stopped: false, pool: null as pg.Pool | null, dataSource: null as DataSource | null, listeners: [] as Listener[] };

async function stop(): Promise<void> {
  state.stopped = true;
  await Promise.all(state.listeners.map((l) => l.client.end().catch(() => undefined)));
  if (state.dataSource?.isInitialized) await state.dataSource.destroy().catch(() => undefined);
  await state.pool?.end().catch(() => undefined);
}

async function openListener(url: string, n: number): Promise<Listener> {
  const client = new pg.Client({ connectionString: url, application_name: `kolom-bench-listener-${n}` });
  client.on('error', () => undefined); // killed by DROP … WITH (FORCE)
  const listener: Listener = { client, rows: 0, batches: 0, articleIds: 0, seen: new Set(), malformed: 0 };
  state.listeners.push(listener);
  await client.connect();
  client.on('notification', ({ channel, payload = '' }) => {
    const announcement = parseAnnouncement(payload);
    if (channel === CHANNEL && /^\d+:\d+$/.test(payload)) listener.rows++;
    else if (channel === CHANNEL && announcement?.nodeId === NODE_ID) {
      listener.batches++;
      for (const id of announcement.articleIds) {
        listener.articleIds++;
        listener.seen.add(String(id));
      }
    } else listener.malformed++;
  });
  return listener;
}

/** Replaces the one occurrence of `from` in `text`, or fails loudly if the shipped source moved on. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)} in the shipped trigger function`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/**
 * The two trigger functions. The shipped one is read back from the database the migrations made
 * (pg_get_functiondef gives a complete CREATE OR REPLACE FUNCTION), so A and C run exactly what
 * ships; B is that text with the rejected design's two edits, the event id declared and returned by
 * the outbox INSERT and the notification sent after it, rather than a second copy of the body.
 */
async function triggerFunctions(pool: pg.Pool): Promise<{ shipped: string; notifying: string }> {
  const shipped = (await pool.query<{ def: string }>(`SELECT pg_get_functiondef('kolom_comment_article_event'::regproc) AS def`)).rows[0].def;
  const declared = replaceOnce(shipped, 'event_comment bigint;', 'event_comment bigint;\n        event_id bigint;');
  const insert = 'INSERT INTO article_events (article_id, comment_id, kind) VALUES (event_article, event_comment, event_kind)';
  const notifying = replaceOnce(
    declared,
    `${insert};`,
    `${insert}\n          RETURNING id INTO event_id;\n        PERFORM pg_notify('kolom_article_events', event_article || ':' || event_id);`,
  );
  return { shipped, notifying };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// A top-level approved comment with every NOT NULL column filled, as the app's insert fills them;
// the trigger then locks the article row and writes the outbox row (and, in B, notifies).
const INSERT = `INSERT INTO comments
  (site_id, article_id, parent_id, root_id, depth, sort_path, author_name, author_email, body, body_hash, status, ip, user_agent, edit_token_hash)
  VALUES ($1, $2, NULL, $3, 1, $4, $5, $6, $7, $8, 'approved', $9, $10, $11)`;
const TOKEN_HASH = sha256(randomBytes(32).toString('base64url'));
let sent = 0;

/** `committed`, when given, hears each article id once its insert has committed (C's announcer). */
async function insertFor(pool: pg.Pool, site: number, articles: string[], seconds: number, committed?: (articleId: string) => void): Promise<Measured> {
  const latencies: number[] = [];
  const inserted = new Set<string>();
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  const loop = async () => {
    while (!state.stopped && performance.now() < deadline) {
      const n = ++sent;
      const body = commentBody(`${RUN_ID}-${n}`);
      // Round-robin over the articles: the trigger's row lock on an article serialises its commenters.
      const article = articles[n % articles.length];
      const t0 = performance.now();
      await pool.query(INSERT, [
        site,
        article,
        n,
        String(n).padStart(19, '0'),
        'Bench Reader',
        'reader@example.org',
        body,
        sha256(body),
        '127.0.0.1',
        'kolom-bench',
        TOKEN_HASH,
      ]);
      latencies.push(performance.now() - t0);
      inserted.add(article);
      committed?.(article);
    }
  };
  await Promise.all(Array.from({ length: LOOPS }, loop)).catch((error: unknown) => {
    if (!cleaningUp()) throw error;
    return new Promise<never>(() => undefined); // interrupted: the clean-up exits the process
  });
  const elapsed = (performance.now() - started) / 1_000;
  return { rows: latencies.length, seconds: elapsed, rate: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b), articles: inserted };
}

const ms = (n: number) => n.toFixed(1);
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function main(): Promise<void> {
  if (!Number.isInteger(ROUNDS) || ROUNDS < 3) throw new Error(`OUTBOX_BENCH_ROUNDS must be a whole number ≥ 3 (got ${process.env.OUTBOX_BENCH_ROUNDS})`);
  if (!(ROUND_SECONDS > 0)) throw new Error(`OUTBOX_BENCH_SECONDS must be a positive number (got ${process.env.OUTBOX_BENCH_SECONDS})`);

  let pgSettings = '';
  const { url, pgVersion } = await database.create(async (admin) => {
    const settings = await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'commit_delay') ORDER BY name`,
    );
    pgSettings = settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` (${r.unit})` : ''}`).join(', ');
  });
  printHeading('Kolom outbox NOTIFY benchmark', pgVersion);
  console.log(`postgres: ${new URL(url).host} ${pgSettings}`);
  console.log(
    `bench database: ${database.name}; pool ${POOL_SIZE}; ${LOOPS} concurrent loops; ${ARTICLES} articles round-robin; ` +
      `~${BODY_CHARS}-char approved comments; ${ROUNDS} rounds × ${ROUND_SECONDS} s per variant, interleaved`,
  );
  console.log(`note: this process and PostgreSQL share the CPUs above; load average now ${loadAverage()}.`);

  // The schema as Kolom makes it: its own data source options and migrations.
  state.dataSource = await new DataSource(dataSourceOptions({ url, poolSize: POOL_SIZE, embedded: false })).initialize();
  const applied = await runMigrations(state.dataSource, true);
  await state.dataSource.destroy();
  console.log(`\n[setup] ${applied.length} migrations applied, the last ${applied.at(-1)}`);

  const pool = (state.pool = openPool(url, POOL_SIZE));
  const functions = await triggerFunctions(pool);
  const site = (await pool.query<{ id: number }>(`INSERT INTO sites (slug, name) VALUES ('bench', 'Bench news') RETURNING id`)).rows[0].id;
  const articles = (
    await pool.query<{ id: string }>(
      `INSERT INTO articles (site_id, url, title) SELECT $1, 'https://news.example/story-' || n, 'Story ' || n FROM generate_series(1, $2::int) n RETURNING id`,
      [site, ARTICLES],
    )
  ).rows.map((r) => String(r.id));
  const listeners = [await openListener(url, 1), await openListener(url, 2)];
  const announcer = new CommitAnnouncer(NODE_ID, (payload) => pool.query(`SELECT pg_notify('${CHANNEL}', $1)`, [payload]));

  // Warm-up (not counted): opens every pooled connection and brings the tables and indexes into memory.
  const warm = await insertFor(pool, site, articles, WARM_UP_SECONDS);
  console.log(`  warm-up: ${fmt(warm.rows)} rows in ${warm.seconds.toFixed(2)} s with variant A`);

  const rounds: Round[] = [];
  // Totals over the rounds, per listener where they are received.
  const notifiedB = listeners.map(() => 0);
  const receivedC = listeners.map(() => ({ notifications: 0, articleIds: 0 }));
  const sentC = { notifications: 0, articleIds: 0 };
  const problems: string[] = [];
  for (let cycle = 1; cycle <= ROUNDS; cycle++) {
    console.log(`\n[round ${cycle} of ${ROUNDS}]`);
    let baseline = NaN; // this round's A
    for (const variant of ['A', 'B', 'C'] as const) {
      const listen = variant !== 'A';
      await pool.query(variant === 'B' ? functions.notifying : functions.shipped);
      // Every run starts from a clean slate: no dirty buffers left over from the one before to write out.
      await pool.query('CHECKPOINT');
      for (const l of listeners) Object.assign(l, { rows: 0, batches: 0, articleIds: 0, seen: new Set() });
      const before = { ...announcer.counts };
      if (listen) await Promise.all(listeners.map((l) => l.client.query(`LISTEN ${CHANNEL}`)));
      const measured = await insertFor(pool, site, articles, ROUND_SECONDS, variant === 'C' ? (a) => announcer.committed(Number(a)) : undefined);
      if (variant === 'A') baseline = measured.rate;
      const round: Round = { variant, ...measured, vsA: measured.rate / baseline };
      rounds.push(round);
      let line = `  ${VARIANTS[variant].label.padEnd(30)} ${fmt(round.rows).padStart(7)} rows in ${round.seconds.toFixed(2)} s = ${fmt(round.rate).padStart(6)} rows/s; latency ms p50 ${ms(percentile(round.latencies, 50))}  p99 ${ms(percentile(round.latencies, 99))}`;
      if (variant !== 'A') line += `; ${round.vsA.toFixed(2)} × this round's A`;
      if (variant === 'B') {
        const until = performance.now() + DRAIN_TIMEOUT_MS;
        while (listeners.some((l) => l.rows < round.rows) && performance.now() < until) await sleep(20);
        await Promise.all(listeners.map((l) => l.client.query(`UNLISTEN ${CHANNEL}`)));
        listeners.forEach((l, i) => (notifiedB[i] += l.rows));
        line += `; notified ${listeners.map((l) => fmt(l.rows)).join(' and ')}`;
      }
      if (variant === 'C') {
        await announcer.settled();
        const sentNow = announcer.counts.sent - before.sent;
        const idsNow = announcer.counts.articleIds - before.articleIds;
        const until = performance.now() + DRAIN_TIMEOUT_MS;
        while (listeners.some((l) => l.batches < sentNow) && performance.now() < until) await sleep(20);
        await Promise.all(listeners.map((l) => l.client.query(`UNLISTEN ${CHANNEL}`)));
        sentC.notifications += sentNow;
        sentC.articleIds += idsNow;
        listeners.forEach((l, i) => {
          receivedC[i].notifications += l.batches;
          receivedC[i].articleIds += l.articleIds;
        });
        line += `; ${fmt(sentNow)} notifications naming ${fmt(idsNow)} articles; received ${listeners.map((l) => `${fmt(l.batches)}/${fmt(l.articleIds)}`).join(' and ')}`;
        // Every notification reached both listeners, and every article with an insert this round
        // was announced to both.
        if (listeners.some((l) => l.batches !== sentNow || l.articleIds !== idsNow || l.rows !== 0)) {
          problems.push(`round ${cycle}: the listeners did not each get every batched notification, and only those`);
        }
        const missing = [...round.articles].filter((a) => listeners.some((l) => !l.seen.has(a)));
        if (missing.length > 0) problems.push(`round ${cycle}: articles ${missing.join(', ')} had inserts but were not announced to both listeners`);
      }
      console.log(line);
    }
  }
  // The last run was C: the trigger function is as shipped again (the database is dropped anyway).

  // Two ratios: of the medians, and the median of each round's ratio to the A run just before it.
  // The second pairs runs seconds apart, so load that comes and goes (other processes) cancels out
  // better: it is the headline figure.
  const byVariant = (v: Variant) => rounds.filter((r) => r.variant === v);
  const medianRateA = median(byVariant('A').map((r) => r.rate));
  const paired: Record<Variant, number> = { A: 1, B: NaN, C: NaN };
  const rows: string[][] = [['', 'median rows/s', 'min–max rows/s', 'p50 ms', 'p99 ms', 'medians ÷ A', 'median per-round × A']];
  for (const variant of ['A', 'B', 'C'] as const) {
    const mine = byVariant(variant);
    const rates = mine.map((r) => r.rate);
    const latencies = mine.flatMap((r) => r.latencies).sort((a, b) => a - b);
    paired[variant] = median(mine.map((r) => r.vsA));
    rows.push([
      VARIANTS[variant].label,
      fmt(median(rates)),
      `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}`,
      ms(percentile(latencies, 50)),
      ms(percentile(latencies, 99)),
      (median(rates) / medianRateA).toFixed(2),
      paired[variant].toFixed(2),
    ]);
  }
  printSummary(rows, 1, '   ');
  console.log('  (latency percentiles over all rounds of the variant)');

  // Every notification must reach every listener, and every row must have its outbox row.
  const insertedInB = byVariant('B').reduce((sum, r) => sum + r.rows, 0);
  const insertedInC = byVariant('C').reduce((sum, r) => sum + r.rows, 0);
  const malformed = listeners.reduce((sum, l) => sum + l.malformed, 0);
  console.log(
    `  notifications in B rounds: ${notifiedB.map((n, i) => `listener ${i + 1} ${fmt(n)}`).join(', ')} for ${fmt(insertedInB)} rows inserted; ${malformed} malformed in all rounds`,
  );
  console.log(
    `  notifications in C rounds: ${fmt(sentC.notifications)} sent, naming ${fmt(sentC.articleIds)} articles, for ${fmt(insertedInC)} rows inserted ` +
      `(${(insertedInC / Math.max(1, sentC.notifications)).toFixed(1)} rows per notification); received ` +
      `${receivedC.map((r, i) => `listener ${i + 1} ${fmt(r.notifications)} notifications / ${fmt(r.articleIds)} article ids`).join(', ')}`,
  );
  if (announcer.counts.failures > 0) console.log(`  batched pg_notify failures: ${announcer.counts.failures}`);
  const counts = (
    await pool.query<{ comments: string; events: string }>(
      `SELECT (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM article_events) AS events`,
    )
  ).rows[0];
  console.log(`  stored: ${fmt(Number(counts.comments))} comments, ${fmt(Number(counts.events))} outbox rows (${fmt(sent)} inserts sent)`);
  printLoadAtEnd();
  console.log(
    `\nNOTIFY cost: trigger NOTIFY (rejected) = ${paired.B.toFixed(2)} × A, Kolom's batched NOTIFY = ${paired.C.toFixed(2)} × A (median of ${ROUNDS} rounds)`,
  );

  if (notifiedB.some((n) => n !== insertedInB) || malformed > 0)
    problems.push('the listeners did not each get exactly one notification per row inserted in B rounds');
  if (announcer.counts.failures > 0) problems.push(`${announcer.counts.failures} batched pg_notify calls failed`);
  if (Number(counts.comments) !== sent || Number(counts.events) !== sent) problems.push('comments or outbox rows do not match the inserts sent');
  if (problems.length > 0) throw new Error(problems.join('; '));
}

runBench(main, { database, stopping: 'the insert loops and listeners', stop });
