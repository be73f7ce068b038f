/**
 * Moderation benchmark, against the built server on a real PostgreSQL holding a million comments:
 * the pending queue's page query (its plan, checked to walk the comments_queue index, and its time,
 * first page and deep, one site and every site), and bulk actions on 500 comments timed from the
 * request to the HTTP answer, to a reader having every comment.removed and to a moderator having
 * queue.updated, next to a raw `pg` UPDATE of 500 rows with the same trigger. Prints figures and
 * PASS/MISS against the targets; exits 0 unless something broke. Run with `npm run bench:moderation`.
 *
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names
 * the PostgreSQL on which a throw-away database kolom_bench_<random> is created and dropped.
 * MODERATION_BENCH_COMMENTS (default 1000000) changes how many comments are stored.
 */
import type { ChildProcess } from 'node:child_process';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Socket } from 'socket.io-client';
import { encodeCursor } from '../src/http/cursor.js';
import { MAX_BULK } from '../src/moderation/queue/dto/moderation-action.dto.js';
import type { QueueFilter } from '../src/moderation/queue/queue.js';
import { BulkStopwatch, CLI_ENTRY, createAdmin, openModerator, openReader, signIn, type BulkRound } from './moderation/moderation-desk.js';
import { countsStatements, explain, pageStatement, QUEUE_INDEX, timeCounts, timePage, type PageTiming, type QueuePlan } from './moderation/queue-plans.js';
import { rawStatusChange, type RawRound } from './moderation/raw-status-change.js';
import { seedComments, STATUS_MIX } from './moderation/seed.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { freePort, PROJECT_ROOT, SERVER_ENTRY, spawnKolom, stopChild, suppressedServerLogLines } from './support/bench-server.js';
import { fmt, loadAverage, percentile, printHeading, printLoadAtEnd, printSummary, printTargets } from './support/report.js';
import { runBench } from './support/run-bench.js';

const TOTAL_COMMENTS = Number(process.env.MODERATION_BENCH_COMMENTS || 1_000_000);
const ARCHIVE_ARTICLES = 20_000;
const WARM_UP_ROUNDS = 1;
const MEASURED_ROUNDS = 6;
/** The queue's default page, plus the one more row QueueService asks for to know there is a next page. */
const PAGE_LIMIT = 25;
const PAGE_RUNS = 30;
const HTTP_PAGE_RUNS = 20;
const ROUND_TIMEOUT_MS = 30_000;
const TARGETS = { bulkMs: 1_000 } as const;
const ADMIN_EMAIL = 'bench-admin@example.org';
const POOL_END_WAIT_MS = 2_000;

// ---------------------------------------------------------------------------------------------
// Clean-up: whatever happens (error, Ctrl-C), the sockets close, the server stops and the bench
// database is dropped.

const database = new BenchDatabase();
const state = {
  server: null as ChildProcess | null,
  pools: new Set<pg.Pool>(),
  sockets: new Set<Socket>(),
};

async function stop(): Promise<void> {
  for (const socket of state.sockets) socket.disconnect();
  state.sockets.clear();
  // A pool ends only once its clients are back: the seed's may be minutes away. Past this wait
  // the drop (WITH (FORCE)) ends its session instead.
  const ended = Promise.all([...state.pools].map((pool) => pool.end().catch(() => undefined)));
  await Promise.race([ended, sleep(POOL_END_WAIT_MS)]);
  state.pools.clear();
  if (state.server) await stopChild(state.server, 'server');
}

// ---------------------------------------------------------------------------------------------
// Helpers

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const mib = (bytes: number) => `${fmt(bytes / 2 ** 20)} MiB`;
const seconds = (n: number) => `${(n / 1_000).toFixed(1)} s`;

function spread(values: number[]): { p50: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), max: sorted.length > 0 ? sorted[sorted.length - 1] : NaN };
}

async function timeHttpPage(base: string, token: string, query: string, runs: number): Promise<PageTiming> {
  const times: number[] = [];
  let ids = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/moderation/queue?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`GET /api/v1/moderation/queue?${query} answered ${response.status}: ${text.slice(0, 300)}`);
    ids = (JSON.parse(text) as { items: unknown[] }).items.length;
  }
  return { ids, ...spread(times) };
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!Number.isInteger(TOTAL_COMMENTS) || TOTAL_COMMENTS < 100_000)
    throw new Error(`MODERATION_BENCH_COMMENTS must be a whole number ≥ 100000 (got ${process.env.MODERATION_BENCH_COMMENTS})`);
  const runStarted = performance.now();

  // 1. A fresh database, and the server on it (its migrations make the schema).
  let pgSettings = '';
  const { url: databaseUrl, pgVersion } = await database.create(async (admin) => {
    const settings = await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'work_mem') ORDER BY name`,
    );
    pgSettings = settings.rows.map((r) => `${r.name}=${r.setting}${r.unit ? ` (${r.unit})` : ''}`).join(', ');
  });
  printHeading('Kolom moderation benchmark', pgVersion);
  console.log(`postgres: ${new URL(databaseUrl).host} ${pgSettings}`);
  console.log(
    `bench database: ${database.name}; ${fmt(TOTAL_COMMENTS)} comments; bulk actions of ${MAX_BULK}, ${WARM_UP_ROUNDS} warm-up + ${MEASURED_ROUNDS} measured rounds`,
  );
  console.log(`note: the bench, the server and PostgreSQL share the CPUs above; load average now ${loadAverage()}.`);

  const server = spawnKolom(databaseUrl, await freePort());
  state.server = server.child;
  const { base, origin } = server;
  console.log(`\n[server] node ${relative(PROJECT_ROOT, SERVER_ENTRY)} on ${base} (PUBLIC_URL ${origin})`);
  console.log(`  /health = 200 after ${fmt(await server.ready())} ms (migrations run)`);

  const pool = openPool(databaseUrl, 4);
  state.pools.add(pool);

  // 2. The million comments.
  const reserved = (WARM_UP_ROUNDS + MEASURED_ROUNDS) * MAX_BULK;
  console.log(
    `\n[seed] ${fmt(TOTAL_COMMENTS)} comments by INSERT … SELECT generate_series, one transaction: ${fmt(ARCHIVE_ARTICLES)} archive articles ` +
      `on 4 sites (10:5:3:2), status by a hash of the id (${Object.entries(STATUS_MIX)
        .map(([s, p]) => `${p} % ${s}`)
        .join(', ')}), ` +
      `plus 2 working articles of ${fmt(reserved)} approved comments each`,
  );
  console.log('  the article_events trigger is off during the insert; the comment.created rows it would have written are inserted after it in one statement');
  const seedStarted = performance.now();
  const seeded = await seedComments(pool, { total: TOTAL_COMMENTS, articles: ARCHIVE_ARTICLES, reserved, origin });
  const seedMs = performance.now() - seedStarted;
  console.log(
    `  seeded in ${seconds(seedMs)}: comments ${seconds(seeded.commentsMs)}, outbox (${fmt(seeded.eventRows)} rows) ${seconds(seeded.eventsMs)}, ` +
      `VACUUM (ANALYZE) ${seconds(seeded.vacuumMs)}`,
  );
  console.log(
    `  ids ${fmt(seeded.firstId)}–${fmt(seeded.lastId)}; ${Object.entries(seeded.counts)
      .map(([s, n]) => `${s} ${fmt(n)}`)
      .join(', ')}; ` + `comments table ${mib(seeded.tableBytes)}, with indexes ${mib(seeded.totalBytes)}`,
  );
  console.log(
    `  sites ${seeded.siteSlugs.map((slug, i) => `${slug}=${seeded.siteIds[i]}`).join(', ')}; bulk article ${seeded.bulkArticleId}, raw baseline article ${seeded.rawArticleId}`,
  );
  if (seeded.bulkIds.length < reserved || seeded.rawIds.length < reserved)
    throw new Error('the working articles do not hold the approved comments the rounds need');

  // 3. The pending queue's page query: plan and time.
  const deepId = seeded.firstId + Math.floor(TOTAL_COMMENTS / 2);
  const pageFilter = (siteIds: number[], afterId: number | null): QueueFilter => ({
    queue: 'pending',
    siteIds,
    sort: 'newest',
    afterId,
    limit: PAGE_LIMIT + 1,
  });
  const cases: Array<{ label: string; filter: QueueFilter }> = [
    { label: `one site (demo), first page`, filter: pageFilter([seeded.siteIds[0]], null) },
    { label: `one site (demo), deep page (id < ${fmt(deepId)})`, filter: pageFilter([seeded.siteIds[0]], deepId) },
    { label: `all 4 sites, first page`, filter: pageFilter(seeded.siteIds, null) },
    { label: `all 4 sites, deep page (id < ${fmt(deepId)})`, filter: pageFilter(seeded.siteIds, deepId) },
  ];
  console.log(`\n[queue] pending, newest first, ${PAGE_LIMIT} + 1 ids: the SQL QueueRepository.pageIds sends (built by the real repository)`);
  const first = await pageStatement(cases[0].filter);
  console.log(indent(first.sql.replace(/\n\s*/g, ' '), '  '));
  const plans: Array<{ label: string; plan: QueuePlan; timing: PageTiming }> = [];
  for (const { label, filter } of cases) {
    const statement = await pageStatement(filter);
    await timePage(pool, filter, 3); // warm the cache the way a queue that is in use would have it
    const plan = await explain(pool, statement);
    const timing = await timePage(pool, filter, PAGE_RUNS);
    plans.push({ label, plan, timing });
    console.log(`\n  ${label}: params ${JSON.stringify(statement.params)}`);
    console.log(`  EXPLAIN (ANALYZE, BUFFERS):`);
    console.log(indent(plan.text));
    console.log(
      `  → checked on a second EXPLAIN, as JSON: index-backed ${plan.indexBacked ? 'PASS' : 'MISS'} (comments read by ${plan.scans.join(', ') || 'nothing'}); ` +
        `${fmt(plan.rowsRead)} index entries read, ${fmt(plan.buffers)} buffers; execution ${plan.executionMs.toFixed(3)} ms, planning ${plan.planningMs.toFixed(3)} ms`,
    );
    console.log(`  → pageIds through pg, ${PAGE_RUNS} runs: ${timing.ids} ids, p50 ${ms(timing.p50)} ms, max ${ms(timing.max)} ms`);
  }

  // The counts that every queue.updated carries (and GET /counts answers) read every waiting
  // entry of the site, not a page of them: shown for scale.
  console.log(`\n[counts] QueueRepository.counts for the demo site, sent with every queue.updated (built by the real repository)`);
  for (const statement of await countsStatements([seeded.siteIds[0]])) {
    const plan = await explain(pool, statement);
    console.log(indent(plan.text));
    console.log(
      `  → a second EXPLAIN, as JSON: comments read by ${plan.scans.join(', ') || 'nothing'}: ${fmt(plan.rowsRead)} entries, ${fmt(plan.buffers)} buffers; execution ${plan.executionMs.toFixed(3)} ms\n`,
    );
  }
  const countsTiming = await timeCounts(pool, [seeded.siteIds[0]], PAGE_RUNS);
  console.log(
    `  → counts through pg, ${PAGE_RUNS} runs: ${JSON.stringify(countsTiming.counts)}, p50 ${ms(countsTiming.p50)} ms, max ${ms(countsTiming.max)} ms`,
  );

  // 4. A moderator and a reader.
  console.log(`\n[moderator] node ${relative(PROJECT_ROOT, CLI_ENTRY)} moderator:create --email ${ADMIN_EMAIL} --role admin; POST /api/v1/moderation/login`);
  const password = await createAdmin(databaseUrl, ADMIN_EMAIL);
  const token = await signIn(base, ADMIN_EMAIL, password);
  const deepCursor = encodeCursor('pending-newest', deepId);
  const httpPages: Array<{ label: string; timing: PageTiming }> = [];
  for (const [label, query] of [
    ['all sites, first page', `status=pending&limit=${PAGE_LIMIT}`],
    ['all sites, deep page', `status=pending&limit=${PAGE_LIMIT}&cursor=${deepCursor}`],
    ['demo site, deep page', `status=pending&limit=${PAGE_LIMIT}&site=demo&cursor=${deepCursor}`],
  ] as const) {
    await timeHttpPage(base, token, query, 3);
    const timing = await timeHttpPage(base, token, query, HTTP_PAGE_RUNS);
    httpPages.push({ label, timing });
    console.log(
      `  GET /api/v1/moderation/queue (${label}), ${HTTP_PAGE_RUNS} runs: ${timing.ids} items with context, p50 ${ms(timing.p50)} ms, max ${ms(timing.max)} ms`,
    );
  }

  const reader = await openReader(base, seeded.bulkArticleId);
  state.sockets.add(reader);
  const moderatorSocket = await openModerator(base, token);
  state.sockets.add(moderatorSocket);
  console.log(`  a reader joined article ${seeded.bulkArticleId} on /; the admin is connected to /moderation`);
  const stopwatch = new BulkStopwatch(base, token, reader, moderatorSocket);

  // 5. Bulk rounds, each next to its raw baseline: fresh approved comments every time.
  console.log(
    `\n[bulk] ${WARM_UP_ROUNDS} warm-up + ${MEASURED_ROUNDS} rounds: raw pg UPDATE of ${MAX_BULK} approved rows to spam (trigger on, one transaction), ` +
      `then POST /api/v1/moderation/comments/bulk {ids: ${MAX_BULK} approved comments of the article, action: 'spam'}`,
  );
  console.log('  ms from the request leaving to: HTTP answer | first / all comment.removed at the reader | queue.updated at the moderator');
  const raws: RawRound[] = [];
  const rounds: BulkRound[] = [];
  const problems: string[] = [];
  for (let r = 0; r < WARM_UP_ROUNDS + MEASURED_ROUNDS; r++) {
    const slice = (ids: number[]) => ids.slice(r * MAX_BULK, (r + 1) * MAX_BULK);
    const raw = await rawStatusChange(pool, slice(seeded.rawIds), 'spam');
    const round = await stopwatch.run(slice(seeded.bulkIds), 'spam', ROUND_TIMEOUT_MS);
    const outbox = await pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM article_events WHERE comment_id = ANY($1::bigint[]) AND kind = 'comment.removed'`,
      [slice(seeded.bulkIds)],
    );
    const warmUp = r < WARM_UP_ROUNDS;
    console.log(
      `  ${warmUp ? 'warm-up' : `round ${r - WARM_UP_ROUNDS + 1}`}: raw ${ms(raw.ms)} ms (${raw.updated} rows, ${raw.events} events) | ` +
        `bulk ${ms(round.answerMs)} | ${ms(round.firstRemovedMs)} / ${ms(round.allRemovedMs)} | ${ms(round.queueUpdatedMs)}  ` +
        `(changed ${round.changed}, outbox ${outbox.rows[0].count}, removals ${round.removedEvents}${round.duplicateRemovals ? ` + ${round.duplicateRemovals} twice` : ''}, ` +
        `queue.updated listed ${round.queueChanges})`,
    );
    const label = warmUp ? 'warm-up' : `round ${r - WARM_UP_ROUNDS + 1}`;
    if (raw.updated !== MAX_BULK || raw.events !== MAX_BULK) problems.push(`${label}: raw UPDATE changed ${raw.updated} rows and wrote ${raw.events} events`);
    if (round.changed !== MAX_BULK || outbox.rows[0].count !== MAX_BULK)
      problems.push(`${label}: bulk changed ${round.changed} comments, outbox holds ${outbox.rows[0].count} removals`);
    if (round.removedEvents !== MAX_BULK || round.duplicateRemovals !== 0)
      problems.push(`${label}: the reader had ${round.removedEvents} removals (${round.duplicateRemovals} twice)`);
    if (round.queueChanges !== MAX_BULK) problems.push(`${label}: queue.updated named ${round.queueChanges} of ${MAX_BULK} comments`);
    if (warmUp) continue;
    raws.push(raw);
    rounds.push(round);
  }

  // 6. Summary.
  const rawSpread = spread(raws.map((r) => r.ms));
  const figures: Array<[string, { p50: number; max: number }]> = [
    [`raw pg UPDATE of ${MAX_BULK}, trigger on (baseline)`, rawSpread],
    ['(a) bulk: HTTP answer', spread(rounds.map((r) => r.answerMs))],
    ['    bulk: first comment.removed at the reader', spread(rounds.map((r) => r.firstRemovedMs))],
    [`(b) bulk: all ${MAX_BULK} comment.removed at the reader`, spread(rounds.map((r) => r.allRemovedMs))],
    ['(c) bulk: queue.updated at the moderator', spread(rounds.map((r) => r.queueUpdatedMs))],
  ];
  const rows: string[][] = [['', 'p50 ms', 'max ms', 'p50 ÷ raw p50']];
  for (const [label, { p50, max }] of figures) rows.push([label, ms(p50), ms(max), `${(p50 / rawSpread.p50).toFixed(1)} ×`]);
  for (const { label, timing } of plans) rows.push([`pageIds, ${label}`, ms(timing.p50), ms(timing.max), '']);
  rows.push(['queue counts, demo site (in every queue.updated)', ms(countsTiming.p50), ms(countsTiming.max), '']);
  for (const { label, timing } of httpPages) rows.push([`GET …/moderation/queue, ${label}`, ms(timing.p50), ms(timing.max), '']);
  printSummary(rows, 1, '   ');
  console.log(`  over ${MEASURED_ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up; all times from the request (or BEGIN) leaving the bench process.`);

  const delivered = spread(rounds.map((r) => r.allRemovedMs));
  printTargets([
    [
      `bulk action on ${MAX_BULK}, events included: all removals at the reader ≤ ${fmt(TARGETS.bulkMs)} ms (every round)`,
      `max ${ms(delivered.max)} ms`,
      delivered.max <= TARGETS.bulkMs,
    ],
    ...plans.map(({ label, plan }): [string, string, boolean] => [
      `pending queue at ${fmt(TOTAL_COMMENTS)} comments, ${label}: ${QUEUE_INDEX}, no Seq Scan`,
      `${plan.executionMs.toFixed(3)} ms`,
      plan.indexBacked,
    ]),
    ['every bulk round: 500 changed, 500 outbox rows, 500 removals once each, 500 in queue.updated', `${problems.length} problems`, problems.length === 0],
  ]);
  for (const problem of problems) console.log(`  ${problem}`);
  printLoadAtEnd();
  const suppressed = suppressedServerLogLines();
  if (suppressed > 0) console.log(`\n(${fmt(suppressed)} more server log lines not shown)`);
  console.log(`total run time ${seconds(performance.now() - runStarted)} (seed ${seconds(seedMs)})`);
}

runBench(main, { database, stopping: 'the server', stop });
