/**
 * HTTP benchmark: the comment form (POST /api/v1/comments) and a 200-comment thread
 * (GET /api/v1/threads) against the built server on a real PostgreSQL, next to a raw `pg` insert
 * baseline on the same database. Prints figures and PASS/MISS against the targets; exits 0 unless
 * something broke. Run with `npm run bench:http`.
 *
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names
 * the PostgreSQL on which a throw-away database kolom_bench_<random> is created and dropped.
 * DATABASE_POOL_SIZE (default 10) sizes both the baseline's pool and the server's.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const DURATION_S = 10;
const CONNECTIONS = 50;
const BODY_CHARS = 300;
const THREAD_ROOTS = 40;
const REPLIES_PER_ROOT = 4;
/** The server caches sites for 5 s; a settings change is seen once this has passed. */
const SITE_CACHE_WAIT_MS = 6_000;
const TARGETS = { postShareOfRaw: 0.4, postP99Ms: 100, getReqPerSec: 1_000, getP99Ms: 80 } as const;

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_ENTRY = resolve(PROJECT_ROOT, 'dist/src/main.js');

const RUN_ID = randomBytes(3).toString('hex');
const FILLER =
  'The council vote was closer than the headline suggests, and the budget line in the fourth paragraph deserves ' +
  'more attention than it gets here. Residents on the east side were told the bus route would stay, yet the ' +
  'timetable published last week says otherwise. Could the reporter ask the transport office which one is right? ' +
  'Thanks for covering it at all.';

/** About BODY_CHARS characters of ordinary comment text, unique by `tag`, without links. */
function commentBody(tag: string): string {
  return `Comment ${tag}. ${FILLER}`.slice(0, BODY_CHARS).trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Clean-up: whatever happens (error, Ctrl-C), the server stops and the bench database is dropped.

interface BenchState {
  adminUrl: string;
  benchDb: string | null;
  server: ChildProcess | null;
  pools: Set<pg.Pool>;
  cannons: Set<autocannon.Instance>;
  stopRaw: boolean;
}

const state: BenchState = {
  adminUrl: process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  benchDb: null,
  server: null,
  pools: new Set(),
  cannons: new Set(),
  stopRaw: false,
};

let cleaning: Promise<void> | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    state.stopRaw = true;
    for (const cannon of state.cannons) cannon.stop();
    await Promise.all([...state.pools].map((pool) => pool.end().catch(() => undefined)));
    state.pools.clear();
    if (state.server) await stopServer(state.server);
    if (state.benchDb) {
      const admin = new pg.Client({ connectionString: state.adminUrl });
      try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(state.benchDb)} WITH (FORCE)`);
      } catch (error) {
        console.error(`could not drop the bench database ${state.benchDb}: ${(error as Error).message}`);
      } finally {
        await admin.end().catch(() => undefined);
      }
    }
  })();
  return cleaning;
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and dropping the bench database…`);
    void cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function newPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'kolom-bench' });
  pool.on('error', () => undefined); // idle clients killed by DROP … WITH (FORCE)
  state.pools.add(pool);
  return pool;
}

async function endPool(pool: pg.Pool): Promise<void> {
  state.pools.delete(pool);
  await pool.end();
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

function runCannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(options, (error, result) => {
      state.cannons.delete(instance);
      if (cleaning) return; // interrupted: the clean-up exits the process
      if (error) reject(error);
      else resolvePromise(result);
    });
    state.cannons.add(instance);
  });
}

// ---------------------------------------------------------------------------------------------
// The server, as a separate process

interface ServerLog {
  lines: string[];
  forwarded: number;
  suppressed: number;
}

const FORWARD_LOG_LINES = 20;

function startServer(databaseUrl: string, port: number): { child: ChildProcess; log: ServerLog } {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      PUBLIC_URL: `http://localhost:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: ServerLog = { lines: [], forwarded: 0, suppressed: 0 };
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.lines.push(line);
      if (log.lines.length > 50) log.lines.shift();
      if (log.forwarded < FORWARD_LOG_LINES) {
        log.forwarded++;
        console.error(`  [server] ${line.length > 400 ? `${line.slice(0, 400)}…` : line}`);
      } else {
        log.suppressed++;
      }
    });
  }
  return { child, log };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = sleep(10_000, 'timeout' as const);
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout' && !hasExited(child)) {
    console.error('  server did not stop within 10 s of SIGTERM: SIGKILL');
    child.kill('SIGKILL');
    await exited;
  }
}

async function waitForHealth(base: string, child: ChildProcess, log: ServerLog): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    if (hasExited(child)) {
      throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before /health answered:\n${log.lines.join('\n')}`);
    }
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`GET /health did not answer 200 within 60 s:\n${log.lines.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// Phase 2: raw pg baseline

interface RawResult {
  rows: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
}

async function rawInsertBaseline(databaseUrl: string, poolSize: number): Promise<RawResult> {
  const pool = newPool(databaseUrl, poolSize);
  // A comment-shaped row in a plain table: primary key only, no secondary indexes, no foreign keys.
  await pool.query(`CREATE TABLE bench_raw_comments (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    site_id integer NOT NULL,
    article_id bigint NOT NULL,
    parent_id bigint,
    root_id bigint NOT NULL,
    depth smallint NOT NULL,
    sort_path text NOT NULL,
    author_name text NOT NULL,
    author_email text NOT NULL,
    body text NOT NULL,
    status text NOT NULL,
    ip inet,
    user_agent text,
    edit_token_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`);
  const insert = `INSERT INTO bench_raw_comments
    (site_id, article_id, parent_id, root_id, depth, sort_path, author_name, author_email, body, status, ip, user_agent, edit_token_hash)
    VALUES ($1, $2, NULL, $3, 1, $4, $5, $6, $7, 'approved', $8, $9, $10)`;
  const tokenHash = randomBytes(32).toString('base64url');
  // Open every pooled connection before the clock starts, as the server's pool is by then.
  await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));

  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + DURATION_S * 1_000;
  const loop = async () => {
    while (!state.stopRaw && performance.now() < deadline) {
      const n = ++next;
      const t0 = performance.now();
      await pool.query(insert, [
        1, 1, n, String(n).padStart(10, '0'), 'Bench Reader', 'reader@example.org',
        commentBody(`raw-${RUN_ID}-${n}`), '127.0.0.1', 'autocannon', tokenHash,
      ]);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  const seconds = (performance.now() - started) / 1_000;
  await endPool(pool);
  latencies.sort((a, b) => a - b);
  return { rows: latencies.length, seconds, rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

// ---------------------------------------------------------------------------------------------
// Phases 4 and 5: HTTP

interface PostForm {
  site: string;
  url: string;
  body: string;
  name: string;
  email: string;
  parentId?: number;
}

async function postComment(base: string, form: PostForm): Promise<{ status: number; text: string; json: unknown }> {
  const response = await fetch(`${base}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(form),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, text, json };
}

interface HttpFigures {
  ok: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  result: autocannon.Result;
}

function httpFigures(result: autocannon.Result, okStatus: number): HttpFigures {
  const ok = result.statusCodeStats[String(okStatus)]?.count ?? 0;
  return { ok, reqPerSec: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, result };
}

function printCannon(label: string, figures: HttpFigures, okStatus: number): void {
  const { result } = figures;
  const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`).join(', ') || 'none';
  console.log(`  ${label}: ${fmt(figures.ok)} × ${okStatus} in ${result.duration.toFixed(2)} s = ${fmt(figures.reqPerSec)} req/s`);
  console.log(`    latency ms: p50 ${figures.p50}  p90 ${result.latency.p90}  p99 ${figures.p99}  max ${result.latency.max}  (mean ${result.latency.mean.toFixed(1)})`);
  console.log(`    status codes: ${codes}; non-2xx ${result.non2xx}; errors ${result.errors}; timeouts ${result.timeouts}; sent ${result.requests.sent}`);
}

function countComments(nodes: unknown): number {
  if (!Array.isArray(nodes)) return 0;
  return nodes.reduce((sum: number, node: { replies?: unknown }) => sum + 1 + countComments(node.replies), 0);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const poolSize = Number(process.env.DATABASE_POOL_SIZE || 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`DATABASE_POOL_SIZE must be a whole number (got ${process.env.DATABASE_POOL_SIZE})`);

  // 1. A fresh database.
  const admin = new pg.Client({ connectionString: state.adminUrl, application_name: 'kolom-bench' });
  await admin.connect();
  let pgVersion: string;
  let pgSettings: string;
  try {
    pgVersion = (await admin.query<{ version: string }>('SELECT version()')).rows[0].version;
    const settings = await admin.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_connections') ORDER BY name`,
    );
    pgSettings = settings.rows.map((r) => `${r.name}=${r.setting}${r.unit && r.unit !== '' ? ` (${r.unit})` : ''}`).join(', ');
    const name = `kolom_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    state.benchDb = name;
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(state.adminUrl, state.benchDb);
  const cpus = os.cpus();
  console.log('Kolom HTTP benchmark');
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ` +
      `${os.platform()} ${os.arch()}, node ${process.version}, ${pgVersion}`,
  );
  console.log(`postgres: ${new URL(databaseUrl).host} ${pgSettings}`);
  console.log(`bench database: ${state.benchDb}; pool size ${poolSize}; ${CONNECTIONS} concurrent clients; ${DURATION_S} s per run`);
  console.log(`note: the load generator, the server and PostgreSQL share the CPUs above; load average now ${loadAverage()}.`);

  // 3. The server (started first so its migrations have run and the flood setting can age out of
  //    its 5 s site cache while the baseline runs).
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const origin = `http://localhost:${port}`;
  console.log(`\n[server] node dist/src/main.js on ${base} (PUBLIC_URL ${origin})`);
  const { child, log } = startServer(databaseUrl, port);
  state.server = child;
  const readyMs = await waitForHealth(base, child, log);
  console.log(`  /health = 200 after ${fmt(readyMs)} ms`);

  const pool = newPool(databaseUrl, 2);
  const updated = await pool.query<{ settings: unknown }>(
    `UPDATE sites SET settings = settings || '{"floodSeconds":0}' WHERE slug = 'demo' RETURNING settings`,
  );
  if (updated.rowCount !== 1) throw new Error('the server did not create the demo site');
  const floodOffAt = performance.now();
  console.log(`  demo site settings: ${JSON.stringify(updated.rows[0].settings)} (picked up within 5 s)`);

  // 2. Baseline.
  console.log(`\n[baseline] raw pg single-row INSERTs, ~${BODY_CHARS}-char body, pool ${poolSize}, ${CONNECTIONS} loops, ${DURATION_S} s`);
  const raw = await rawInsertBaseline(databaseUrl, poolSize);
  console.log(`  ${fmt(raw.rows)} rows in ${raw.seconds.toFixed(2)} s = ${fmt(raw.rate)} rows/s; latency ms p50 ${raw.p50.toFixed(1)}  p99 ${raw.p99.toFixed(1)}`);

  const waitMs = SITE_CACHE_WAIT_MS - (performance.now() - floodOffAt);
  if (waitMs > 0) await sleep(waitMs);

  // 4. POST /api/v1/comments.
  const postUrl = `${origin}/news/bench-post`;
  const form = (tag: string, url = postUrl): PostForm => ({
    site: 'demo',
    url,
    body: commentBody(tag),
    name: 'Bench Reader',
    email: 'reader@example.org',
  });
  // Two posts back to back from one address: both are 201 only when the flood check is off.
  for (const tag of ['preflight-1', 'preflight-2']) {
    const answer = await postComment(base, form(`${RUN_ID}-${tag}`, `${origin}/news/bench-preflight`));
    if (answer.status !== 201) throw new Error(`preflight POST answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }

  let counter = 0;
  let firstFailure: { status: number; body: string } | null = null;
  const postRequests = (prefix: string): autocannon.Request[] => [
    {
      setupRequest: (request) => ({ ...request, body: JSON.stringify(form(`${RUN_ID}-${prefix}-${++counter}`)) }),
      onResponse: (status, body) => {
        if (status !== 201 && !firstFailure) firstFailure = { status, body };
      },
    },
  ];
  const postOptions = (prefix: string): autocannon.Options => ({
    url: `${base}/api/v1/comments`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    requests: postRequests(prefix),
  });

  console.log(`\n[POST /api/v1/comments] ${CONNECTIONS} connections, ${DURATION_S} s, unique ~${BODY_CHARS}-char bodies, one article`);
  const postWarm = httpFigures(await runCannon({ ...postOptions('warm'), amount: 500 }), 201);
  console.log(`  warm-up: ${postWarm.ok} × 201 of ${postWarm.result.requests.sent}`);
  const postFigures = httpFigures(await runCannon({ ...postOptions('run'), duration: DURATION_S }), 201);
  printCannon('measured', postFigures, 201);
  const stored = await pool.query<{ count: string }>(
    `SELECT count(*) FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.url = $1`,
    [postUrl],
  );
  console.log(`    comments stored on the article: ${fmt(Number(stored.rows[0].count))} (warm-up + run)`);
  const postFailures = postFigures.result.non2xx + postWarm.result.non2xx;
  if (postFailures > 0 || firstFailure) {
    const failure = firstFailure as { status: number; body: string } | null;
    if (failure) {
      console.log(`    first non-201 answer: ${failure.status} ${failure.body.slice(0, 500)}`);
    } else {
      const answer = await postComment(base, form(`${RUN_ID}-diagnose`));
      console.log(`    a manual POST of the same shape answered ${answer.status}: ${answer.text.slice(0, 500)}`);
    }
  }

  // 4b. The ceiling the stack itself sets: the same POST to a route that does not exist still goes
  //     through the HTTP server, logging, CORS, the JSON body parser, Nest's router and its 404.
  console.log(`\n[ceiling] the same POST to a route that does not exist (404 through the whole stack), ${CONNECTIONS} connections, ${DURATION_S} s`);
  const ceiling = httpFigures(await runCannon({ ...postOptions('ceiling'), url: `${base}/api/v1/no-such-route`, duration: DURATION_S }), 404);
  printCannon('measured', ceiling, 404);
  firstFailure = null;

  // 5. A 200-comment thread.
  const threadUrl = `${origin}/news/bench-thread`;
  console.log(`\n[GET /api/v1/threads] seeding ${THREAD_ROOTS} comments × ${REPLIES_PER_ROOT} replies on ${threadUrl}`);
  const seedStarted = performance.now();
  for (let i = 0; i < THREAD_ROOTS; i++) {
    const root = await postComment(base, { ...form(`${RUN_ID}-thread-${i}`, threadUrl), name: `Reader ${i}`, email: `reader${i}@example.org` });
    if (root.status !== 201) throw new Error(`seeding: POST answered ${root.status}: ${root.text.slice(0, 500)}`);
    const parentId = (root.json as { comment: { id: number } }).comment.id;
    for (let j = 0; j < REPLIES_PER_ROOT; j++) {
      const reply = await postComment(base, {
        ...form(`${RUN_ID}-thread-${i}-${j}`, threadUrl),
        name: `Replier ${j}`,
        email: `replier${j}@example.org`,
        parentId,
      });
      if (reply.status !== 201) throw new Error(`seeding: reply answered ${reply.status}: ${reply.text.slice(0, 500)}`);
    }
  }
  const threadPath = `/api/v1/threads?site=demo&url=${encodeURIComponent(threadUrl)}`;
  const check = await fetch(`${base}${threadPath}`);
  const checkText = await check.text();
  const page = JSON.parse(checkText) as { total: number; comments: unknown[]; nextCursor: string | null };
  const inTree = countComments(page.comments);
  const bodyBytes = Buffer.byteLength(checkText);
  console.log(
    `  seeded in ${fmt(performance.now() - seedStarted)} ms; GET: ${check.status}, total ${page.total}, ` +
      `${page.comments.length} top-level, ${inTree} in the tree, nextCursor ${page.nextCursor}, body ${fmt(bodyBytes)} bytes`,
  );
  if (check.status !== 200 || page.total !== THREAD_ROOTS * (1 + REPLIES_PER_ROOT) || inTree !== page.total) {
    throw new Error(`the seeded thread is not the expected 200 comments: ${checkText.slice(0, 500)}`);
  }

  const getOptions: autocannon.Options = { url: `${base}${threadPath}`, connections: CONNECTIONS };
  await runCannon({ ...getOptions, amount: 500 });
  const getFigures = httpFigures(await runCannon({ ...getOptions, duration: DURATION_S }), 200);
  printCannon('measured', getFigures, 200);
  const wireBytes = getFigures.result.throughput.total / Math.max(1, getFigures.result.latency.totalCount);
  console.log(`    response size: ${fmt(bodyBytes)} bytes body, ~${fmt(wireBytes)} bytes with headers`);

  // 6. Summary.
  const share = postFigures.reqPerSec / raw.rate;
  const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const rows: Array<[string, string, string, string, string]> = [
    ['', 'rate', 'p50 ms', 'p99 ms', 'size'],
    ['raw pg INSERT', `${fmt(raw.rate)} rows/s`, raw.p50.toFixed(1), raw.p99.toFixed(1), `~${BODY_CHARS} chars`],
    ['POST /api/v1/comments', `${fmt(postFigures.reqPerSec)} req/s`, String(postFigures.p50), String(postFigures.p99), `~${BODY_CHARS} chars`],
    ['GET /api/v1/threads (200)', `${fmt(getFigures.reqPerSec)} req/s`, String(getFigures.p50), String(getFigures.p99), `${fmt(bodyBytes)} B`],
    ['POST to no route (404)', `${fmt(ceiling.reqPerSec)} req/s`, String(ceiling.p50), String(ceiling.p99), `~${BODY_CHARS} chars`],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log('\nsummary');
  for (const row of rows) console.log(`  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')}`);
  console.log(`  POST req/s ÷ raw insert rows/s = ${(share * 100).toFixed(1)} %`);
  console.log(
    `  POST to no route ÷ raw insert rows/s = ${((ceiling.reqPerSec / raw.rate) * 100).toFixed(1)} % ` +
      `(the stack's own ceiling); POST ÷ that ceiling = ${((postFigures.reqPerSec / ceiling.reqPerSec) * 100).toFixed(1)} %`,
  );
  console.log('\ntargets');
  const targetLines: Array<[string, string, boolean]> = [
    [`POST ≥ ${TARGETS.postShareOfRaw * 100} % of raw insert rate (≥ ${fmt(raw.rate * TARGETS.postShareOfRaw)} req/s)`, `${(share * 100).toFixed(1)} %`, share >= TARGETS.postShareOfRaw],
    [`POST p99 ≤ ${TARGETS.postP99Ms} ms`, `${postFigures.p99} ms`, postFigures.p99 <= TARGETS.postP99Ms],
    [`thread GET ≥ ${fmt(TARGETS.getReqPerSec)} req/s`, `${fmt(getFigures.reqPerSec)} req/s`, getFigures.reqPerSec >= TARGETS.getReqPerSec],
    [`thread GET p99 ≤ ${TARGETS.getP99Ms} ms`, `${getFigures.p99} ms`, getFigures.p99 <= TARGETS.getP99Ms],
    ['POST non-2xx = 0', String(postFailures), postFailures === 0],
    ['thread GET non-2xx = 0', String(getFigures.result.non2xx), getFigures.result.non2xx === 0],
  ];
  const targetWidth = Math.max(...targetLines.map(([t]) => t.length));
  const measuredWidth = Math.max(...targetLines.map(([, m]) => m.length));
  for (const [target, measured, ok] of targetLines) {
    console.log(`  ${target.padEnd(targetWidth)}   ${measured.padStart(measuredWidth)}   ${mark(ok)}`);
  }
  console.log(`\nload average at the end: ${loadAverage()} (on ${os.cpus().length} CPUs; anything else running skews the figures)`);
  if (log.suppressed > 0) console.log(`\n(${fmt(log.suppressed)} more server log lines not shown)`);
  await endPool(pool);
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(`\nbenchmark failed: ${(error as Error)?.stack ?? String(error)}`);
    await cleanup();
    process.exit(1);
  });
