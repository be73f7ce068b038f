/**
 * Live delivery benchmark: N real socket.io-client viewers of one article, held by several worker
 * processes, against the built server on a real PostgreSQL, next to a bare socket.io server that
 * broadcasts the same payload to the same clients. For each N it prints the POST → receipt latency
 * at one comment per second, the delivered messages per second under a burst of comments, the
 * server memory per idle connected socket, and Kolom's delivery rate as a share of the bare
 * server's; then PASS/MISS against the targets. Exits 0 unless something broke. Run with
 * `npm run bench:live`.
 *
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names
 * the PostgreSQL on which a throw-away database kolom_bench_<random> is created and dropped.
 * LIVE_BENCH_VIEWERS (default "1000,5000") and LIVE_BENCH_WORKERS (default 4) change the fleet.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Fleet, IN_FLIGHT_PER_WORKER, type JoinTarget } from './live/fleet.js';
import { wallClockMs, type PhaseReport } from './live/protocol.js';
import { cpuMs, machineBusyMs, ownCpuMs, rssKiB } from './live/resource-usage.js';
import { concat, ms, summarise, type LatencySummary } from './live/stats.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { freePort, PROJECT_ROOT, SERVER_ENTRY, spawnKolom, stopChild } from './support/bench-server.js';
import { BODY_CHARS, commentForm, postComment, SITE_CACHE_WAIT_MS, letBenchPost } from './support/demo-site.js';
import { fmt, loadAverage, printHeading, printLoadAtEnd, printSummary, printTargets } from './support/report.js';
import { runBench } from './support/run-bench.js';

const VIEWER_COUNTS = (process.env.LIVE_BENCH_VIEWERS || '1000,5000').split(',').map((n) => Number(n.trim()));
const WORKER_COUNT = Number(process.env.LIVE_BENCH_WORKERS || 4);
const IDLE_BEFORE_MEMORY_MS = 3_000;
const PACED_COMMENTS = 10;
const PACED_INTERVAL_MS = 1_000;
/** The burst sends about this many deliveries whatever N is, so both sizes take similar time. */
const BURST_DELIVERIES = 250_000;
const BURST_POSTERS = 4;
/**
 * The burst runs this many times and the faster counts: the viewers share the server's two cores,
 * so anything else waking up on the machine lands in one short run and is unlikely to land in all.
 */
const BURSTS = 3;
/** A phase ends when every delivery is in, or when none has arrived for this long. */
const QUIET_MS = 5_000;
const TARGETS = { viewers: 5_000, p99Ms: 250, ratioToBare: 0.8, kbPerSocket: 40 } as const;

// Resolved from this file, so the bench runs from dist/ and from any other --outDir alike.
const BARE_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), 'live-bare-server.js');

const RUN_ID = randomBytes(3).toString('hex');

// ---------------------------------------------------------------------------------------------
// Clean-up: whatever happens (error, Ctrl-C), the servers and workers stop and the database goes.

const database = new BenchDatabase();
const state = {
  servers: new Set<ChildProcess>(),
  workers: new Set<ChildProcess>(),
};

async function stopProcess(child: ChildProcess): Promise<void> {
  state.servers.delete(child);
  state.workers.delete(child);
  await stopChild(child);
}

async function stopAll(): Promise<void> {
  await Promise.all([...state.workers, ...state.servers].map((child) => stopProcess(child)));
}

const mib = (kib: number) => `${fmt(kib / 1024, 1)} MiB`;

// ---------------------------------------------------------------------------------------------
// The servers under test, each a separate process

/** `articleUrl` is the article every viewer joins and every comment is posted to. */
interface LiveServer extends JoinTarget {
  pid: number;
  child: ChildProcess;
  /** Server log lines kept for a failure message. */
  logTail: () => string;
}

async function startKolom(databaseUrl: string, port: number): Promise<LiveServer> {
  const kolom = spawnKolom(databaseUrl, port);
  state.servers.add(kolom.child);
  const readyMs = await kolom.ready();
  console.log(`  node ${relative(PROJECT_ROOT, SERVER_ENTRY)} on ${kolom.base} (PUBLIC_URL ${kolom.origin}): /health = 200 after ${fmt(readyMs)} ms`);
  return {
    label: 'Kolom',
    base: kolom.base,
    articleUrl: `${kolom.origin}/news/bench-live`,
    pid: kolom.child.pid!,
    child: kolom.child,
    logTail: kolom.logTail,
  };
}

async function startBare(): Promise<LiveServer> {
  const child = fork(BARE_ENTRY, [], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  state.servers.add(child);
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the bare socket.io server exited before listening');
    }),
  ])) as [{ type: string; port: number }];
  const base = `http://127.0.0.1:${message.port}`;
  console.log(`  node ${relative(PROJECT_ROOT, BARE_ENTRY)} on ${base}: plain socket.io ${socketIoVersion()}, in-memory adapter, default options`);
  return { label: 'bare socket.io', base, articleUrl: `http://localhost:${message.port}/news/bench-live`, pid: child.pid!, child, logTail: () => '' };
}

function socketIoVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/socket.io/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// Posting comments and timing their deliveries

interface Post {
  status: number;
  id: number | null;
  /** wallClockMs() just before the request left. */
  startedAt: number;
  ms: number;
  text: string;
}

async function postTimed(server: LiveServer, tag: string): Promise<Post> {
  const startedAt = wallClockMs();
  try {
    const { status, text, json } = await postComment(server.base, commentForm(tag, server.articleUrl));
    const candidate = (json as { comment?: { id?: unknown } } | null)?.comment?.id;
    return { status, id: typeof candidate === 'number' ? candidate : null, startedAt, ms: wallClockMs() - startedAt, text };
  } catch (error) {
    return { status: 0, id: null, startedAt, ms: wallClockMs() - startedAt, text: (error as Error).message };
  }
}

/** What the workers counted, summed over them. */
type PhaseCounts = Pick<PhaseReport, 'missing' | 'socketsMissing' | 'duplicates' | 'unexpected' | 'otherEvents' | 'payloadBytes' | 'disconnected'>;

interface PhaseResult extends PhaseCounts {
  name: string;
  posted: number;
  postFailures: number;
  firstPostFailure: string | null;
  post: LatencySummary;
  expected: number;
  delivered: number;
  latency: LatencySummary;
  /** Deliveries per second from the first POST to the last receipt. */
  rate: number;
  postSeconds: number;
  /** From the start of posting to the end of collecting. */
  seconds: number;
  serverCpuMs: number;
  viewersCpuMs: number;
  /** Everything else the machine did meanwhile: PostgreSQL, the kernel's network work, and whatever should not be running. */
  restCpuMs: number;
}

type Pace = { kind: 'paced'; comments: number; intervalMs: number } | { kind: 'burst'; comments: number; posters: number };

async function runPhase(fleet: Fleet, server: LiveServer, name: string, pace: Pace): Promise<PhaseResult> {
  await fleet.startPhase();
  const posts: Post[] = [];
  const tag = (i: number) => `${RUN_ID}-${server.label === 'Kolom' ? 'k' : 'b'}${fleet.connected}-${name}-${i}`;
  const serverCpuBefore = cpuMs(server.pid);
  const machineBefore = machineBusyMs();
  const driverBefore = ownCpuMs();
  const postStarted = performance.now();
  if (pace.kind === 'paced') {
    // A steady rate means the next POST leaves on schedule even if the previous one is still out.
    const pending: Promise<Post>[] = [];
    for (let i = 0; i < pace.comments; i++) {
      const due = postStarted + i * pace.intervalMs - performance.now();
      if (due > 0) await sleep(due);
      pending.push(postTimed(server, tag(i)));
    }
    posts.push(...(await Promise.all(pending)));
  } else {
    let next = 0;
    const poster = async () => {
      while (next < pace.comments) posts.push(await postTimed(server, tag(next++)));
    };
    await Promise.all(Array.from({ length: pace.posters }, poster));
  }
  const postSeconds = (performance.now() - postStarted) / 1_000;

  const accepted = posts.filter((post) => post.status === 201 && post.id !== null);
  const failed = posts.filter((post) => !(post.status === 201 && post.id !== null));
  const postStarts = new Map(accepted.map((post) => [post.id!, post.startedAt]));
  const expected = postStarts.size * fleet.connected;

  let last = -1;
  let lastChange = performance.now();
  while (fleet.received() < expected && performance.now() - lastChange < QUIET_MS) {
    await sleep(20);
    const now = fleet.received();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
  }

  const reports = await fleet.collect(postStarts);
  const serverCpuMs = cpuMs(server.pid) - serverCpuBefore;
  const machineMs = machineBusyMs() - machineBefore;
  const driverMs = ownCpuMs() - driverBefore;
  const viewersCpuMs = reports.reduce((sum, report) => sum + report.cpuMs, 0);
  const seconds = (performance.now() - postStarted) / 1_000;
  const latencies = concat(reports.map((report) => report.latencies));
  const firstPost = Math.min(...accepted.map((post) => post.startedAt));
  const lastReceipt = Math.max(...reports.map((report) => report.lastReceipt));
  const sumOf = (pick: (report: PhaseReport) => number) => reports.reduce((sum, report) => sum + pick(report), 0);
  const merge = (pick: (report: PhaseReport) => Record<string, number>) => {
    const merged: Record<string, number> = {};
    for (const report of reports) for (const [key, n] of Object.entries(pick(report))) merged[key] = (merged[key] ?? 0) + n;
    return merged;
  };
  return {
    name,
    posted: accepted.length,
    postFailures: failed.length,
    firstPostFailure: failed.length > 0 ? `${failed[0].status} ${failed[0].text.slice(0, 300)}` : null,
    post: summarise(Float64Array.from(posts.map((post) => post.ms))),
    expected,
    delivered: latencies.length,
    latency: summarise(latencies),
    rate: latencies.length > 0 ? latencies.length / ((lastReceipt - firstPost) / 1_000) : 0,
    missing: sumOf((report) => report.missing),
    socketsMissing: sumOf((report) => report.socketsMissing),
    duplicates: sumOf((report) => report.duplicates),
    unexpected: sumOf((report) => report.unexpected),
    otherEvents: merge((report) => report.otherEvents),
    payloadBytes: Math.max(...reports.map((report) => report.payloadBytes)),
    disconnected: merge((report) => report.disconnected),
    postSeconds,
    seconds,
    serverCpuMs,
    viewersCpuMs,
    restCpuMs: machineMs - serverCpuMs - viewersCpuMs - driverMs,
  };
}

function printPhase(result: PhaseResult, headline: string): void {
  const { latency } = result;
  console.log(`  ${headline}`);
  console.log(
    `    delivered ${fmt(result.delivered)} of ${fmt(result.expected)} (${fmt(result.posted)} comments × viewers); ` +
      `${fmt(result.rate)} msg/s from the first POST to the last receipt; payload ${fmt(result.payloadBytes)} B`,
  );
  console.log(`    POST → receipt: p50 ${ms(latency.p50)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`);
  console.log(`    POST 201 round trip: p50 ${ms(result.post.p50)}  max ${ms(result.post.max)}; posting took ${result.postSeconds.toFixed(2)} s`);
  console.log(
    `    CPU over the phase's ${result.seconds.toFixed(2)} s: server ${(result.serverCpuMs / 1_000).toFixed(2)} s ` +
      `(${fmt((result.serverCpuMs * 1_000) / result.delivered, 1)} µs per delivery), viewers ${(result.viewersCpuMs / 1_000).toFixed(2)} s, ` +
      `everything else (PostgreSQL, kernel, other processes) ${(result.restCpuMs / 1_000).toFixed(2)} s`,
  );
  const others = Object.entries(result.otherEvents).map(([event, n]) => `${event} ×${fmt(n)}`).join(', ');
  if (others) console.log(`    other events (not timed): ${others}`);
  if (result.postFailures > 0) console.log(`    !!! ${result.postFailures} POSTs failed; first: ${result.firstPostFailure}`);
  if (result.missing > 0) {
    console.log(`    !!! MISSING DELIVERIES: ${fmt(result.missing)} (comment, viewer) pairs never arrived, on ${fmt(result.socketsMissing)} sockets`);
  }
  if (result.duplicates > 0) console.log(`    !!! ${fmt(result.duplicates)} duplicate deliveries`);
  if (result.unexpected > 0) console.log(`    ${fmt(result.unexpected)} deliveries of comments not posted in this phase`);
  const gone = Object.entries(result.disconnected).map(([reason, n]) => `${reason} ×${fmt(n)}`).join(', ');
  if (gone) console.log(`    !!! sockets disconnected: ${gone}`);
}

// ---------------------------------------------------------------------------------------------
// One server at one N

interface Measurement {
  server: string;
  viewers: number;
  connected: number;
  joinFailures: number;
  join: LatencySummary;
  kbPerSocket: number;
  kbPerExtraSocket: number;
  paced: PhaseResult;
  /** The faster burst: the rate compared with the baseline. */
  burst: PhaseResult;
  /** Over every measured phase: (comment, viewer) pairs never delivered, and delivered twice. */
  missing: number;
  duplicates: number;
}

async function measure(fleet: Fleet, server: LiveServer, viewers: number): Promise<Measurement> {
  // Two comments before anyone watches: the code paths are warm and, for Kolom, the flood check is
  // known to be off (the second would answer 429 otherwise).
  for (const i of [1, 2]) {
    const post = await postTimed(server, `${RUN_ID}-${server.label === 'Kolom' ? 'k' : 'b'}${viewers}-preflight-${i}`);
    if (post.status !== 201) throw new Error(`preflight POST to ${server.label} answered ${post.status}: ${post.text.slice(0, 500)}`);
  }
  await sleep(1_000);
  const rssBefore = rssKiB(server.pid);

  // Memory is read twice: after the first fifth of the viewers (by then the server's one-off growth,
  // such as V8's young generation sizing up, has happened) and after all of them. The second step
  // gives the cost of one more socket; the whole delta, which the target is judged on, also carries
  // those fixed costs, and weighs them more at small N.
  const firstStep = Math.max(1, Math.round(viewers / 5));
  const first = await fleet.connect(server, firstStep);
  await sleep(IDLE_BEFORE_MEMORY_MS);
  const rssMid = rssKiB(server.pid);
  const second = viewers > firstStep ? await fleet.connect(server, viewers - firstStep) : null;
  const connected = first.ok + (second?.ok ?? 0);
  const joinFailures = first.failed + (second?.failed ?? 0);
  const join = summarise(concat([first.joinMs, second?.joinMs ?? new Float64Array()]));
  const connectSeconds = first.seconds + (second?.seconds ?? 0);
  const ack = second?.lastAck ?? first.lastAck;
  console.log(
    `  connected ${fmt(connected)} of ${fmt(viewers)} viewers in ${connectSeconds.toFixed(2)} s (${fmt(connected / connectSeconds)}/s, ` +
      `${IN_FLIGHT_PER_WORKER * fleet.workers.length} handshakes in flight); io() → join ack p50 ${ms(join.p50)}  p99 ${ms(join.p99)}  max ${ms(join.max)}`,
  );
  console.log(`    join ack of the last viewer to join: ${JSON.stringify(ack)}`);
  if (joinFailures > 0) {
    const failures: Record<string, number> = { ...first.failures };
    for (const [reason, n] of Object.entries(second?.failures ?? {})) failures[reason] = (failures[reason] ?? 0) + n;
    const reasons = Object.entries(failures).map(([reason, n]) => `${reason} ×${n}`).join('; ');
    console.log(`    !!! ${fmt(joinFailures)} viewers could not join: ${reasons}`);
  }

  await sleep(IDLE_BEFORE_MEMORY_MS);
  const rssAfter = rssKiB(server.pid);
  const kbPerSocket = (rssAfter - rssBefore) / connected;
  const kbPerExtraSocket = (rssAfter - rssMid) / (connected - first.ok);
  console.log(
    `  server RSS: ${mib(rssBefore)} before connecting, ${mib(rssMid)} with ${fmt(first.ok)} idle viewers, ` +
      `${mib(rssAfter)} with ${fmt(connected)} → ${fmt(kbPerSocket, 1)} KiB per socket ` +
      `(${fmt(kbPerExtraSocket, 1)} KiB per socket over the last ${fmt(connected - first.ok)})`,
  );

  const warm = await runPhase(fleet, server, 'warm', { kind: 'paced', comments: 2, intervalMs: 500 });
  console.log(`  warm-up: ${fmt(warm.delivered)} of ${fmt(warm.expected)} deliveries (${warm.posted} comments)`);
  if (warm.delivered === 0) {
    throw new Error(`${server.label} delivered none of the warm-up comments to any viewer (POST: ${warm.firstPostFailure ?? '201'})`);
  }

  const paced = await runPhase(fleet, server, 'paced', { kind: 'paced', comments: PACED_COMMENTS, intervalMs: PACED_INTERVAL_MS });
  printPhase(paced, `steady: ${PACED_COMMENTS} comments, one every ${PACED_INTERVAL_MS} ms`);

  const burstComments = Math.max(20, Math.round(BURST_DELIVERIES / Math.max(1, connected)));
  const bursts: PhaseResult[] = [];
  for (let i = 1; i <= BURSTS; i++) {
    const result = await runPhase(fleet, server, `burst-${i}`, { kind: 'burst', comments: burstComments, posters: BURST_POSTERS });
    printPhase(result, `burst ${i} of ${BURSTS}: ${burstComments} comments from ${BURST_POSTERS} concurrent posters`);
    bursts.push(result);
  }
  const burst = bursts.reduce((best, result) => (result.rate > best.rate ? result : best));
  console.log(`  burst rate kept (the faster of ${BURSTS}): ${fmt(burst.rate)} msg/s`);

  await fleet.disconnect();
  const measured = [paced, ...bursts];
  const missing = measured.reduce((sum, result) => sum + result.missing, 0);
  const duplicates = measured.reduce((sum, result) => sum + result.duplicates, 0);
  return { server: server.label, viewers, connected, joinFailures, join, kbPerSocket, kbPerExtraSocket, paced, burst, missing, duplicates };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  for (const n of VIEWER_COUNTS) if (!Number.isInteger(n) || n < 1) throw new Error(`LIVE_BENCH_VIEWERS must list whole numbers (got ${process.env.LIVE_BENCH_VIEWERS})`);
  if (!Number.isInteger(WORKER_COUNT) || WORKER_COUNT < 1) throw new Error(`LIVE_BENCH_WORKERS must be a whole number (got ${process.env.LIVE_BENCH_WORKERS})`);

  const { url: databaseUrl, pgVersion } = await database.create();
  printHeading('Kolom live delivery benchmark', pgVersion);
  console.log(
    `bench database: ${database.name}; viewers ${VIEWER_COUNTS.map((n) => fmt(n)).join(' and ')} over ${WORKER_COUNT} worker processes ` +
      `(socket.io-client, websocket transport); ~${BODY_CHARS}-char comments`,
  );
  console.log(`note: the viewers, the server and PostgreSQL share the CPUs above; load average now ${loadAverage()}.`);

  // Kolom starts up front to migrate the database and create the demo site, whose flood check then
  // goes off; that server serves the first N and each later N gets a fresh one on the same port, so
  // that memory starts from the same place and the article URL stays the same.
  const port = await freePort();
  console.log(`\n[setup]`);
  let kolom: LiveServer | null = await startKolom(databaseUrl, port);
  const pool = openPool(databaseUrl, 1);
  try {
    console.log(`  demo site settings: ${JSON.stringify(await letBenchPost(pool))}`);
  } finally {
    await pool.end();
  }
  await sleep(SITE_CACHE_WAIT_MS);
  const fleet = await Fleet.start(WORKER_COUNT, (child) => state.workers.add(child));

  const results: Measurement[] = [];
  const problems: string[] = [];
  for (const viewers of VIEWER_COUNTS) {
    for (const label of ['Kolom', 'bare socket.io'] as const) {
      console.log(`\n[${fmt(viewers)} viewers · ${label}]`);
      const server = label === 'Kolom' ? (kolom ?? (await startKolom(databaseUrl, port))) : await startBare();
      kolom = null;
      try {
        results.push(await measure(fleet, server, viewers));
      } catch (error) {
        // One server failing (say, a build without the realtime gateway) should not hide the other's figures.
        const message = (error as Error).message;
        problems.push(`${label} at ${fmt(viewers)} viewers: ${message}`);
        console.log(`  !!! ${message}`);
        if (server.logTail()) console.log(`  last server log lines:\n${server.logTail()}`);
        await fleet.disconnect().catch(() => undefined);
      } finally {
        await stopProcess(server.child);
      }
    }
  }

  // Summary
  const find = (server: string, viewers: number) => results.find((r) => r.server === server && r.viewers === viewers);
  const ratioAt = (viewers: number) => {
    const k = find('Kolom', viewers);
    const bare = find('bare socket.io', viewers);
    return k && bare ? k.burst.rate / bare.burst.rate : NaN;
  };
  const rows: string[][] = [
    ['viewers', 'server', 'join p99', 'p50 ms', 'p99 ms', 'max ms', 'burst msg/s', 'ratio', 'µs CPU/msg', 'KiB/socket', 'missing'],
  ];
  for (const viewers of VIEWER_COUNTS) {
    for (const label of ['Kolom', 'bare socket.io']) {
      const r = find(label, viewers);
      if (!r) {
        rows.push([fmt(viewers), label, ...Array.from({ length: rows[0].length - 2 }, () => 'n/a')]);
        continue;
      }
      rows.push([
        fmt(viewers), label, fmt(r.join.p99), r.paced.latency.p50.toFixed(1), r.paced.latency.p99.toFixed(1), r.paced.latency.max.toFixed(1),
        fmt(r.burst.rate), label === 'Kolom' ? ratioAt(viewers).toFixed(2) : '', fmt((r.burst.serverCpuMs * 1_000) / r.burst.delivered, 1),
        `${fmt(r.kbPerSocket, 1)} (${fmt(r.kbPerExtraSocket, 1)})`, fmt(r.missing + r.duplicates),
      ]);
    }
  }
  printSummary(rows, 2, '  ');
  console.log('  join p99: io() to join ack, ms. p50/p99/max: POST → receipt at one comment per second.');
  console.log(`  burst msg/s: deliveries ÷ (last receipt − first POST), the faster of ${BURSTS} bursts; ratio: Kolom ÷ bare at the same N.`);
  console.log('  µs CPU/msg: server CPU time over that burst ÷ deliveries. KiB/socket: RSS delta ÷ viewers (in brackets: over the last 80 %).');
  console.log('  missing: (comment, viewer) pairs never delivered or delivered twice, over every measured phase.');

  const targetLines: Array<[string, string, boolean]> = [];
  const k = find('Kolom', TARGETS.viewers);
  const atTarget = `${fmt(TARGETS.viewers)} viewers`;
  if (!k) {
    targetLines.push([`Kolom measured at ${atTarget}`, 'no', false]);
  } else {
    const ratio = ratioAt(TARGETS.viewers);
    targetLines.push([`${atTarget}, 1 comment/s: p99 ≤ ${TARGETS.p99Ms} ms`, ms(k.paced.latency.p99), k.paced.latency.p99 <= TARGETS.p99Ms]);
    targetLines.push([`${atTarget}: delivery rate ≥ ${TARGETS.ratioToBare} × bare socket.io`, `${ratio.toFixed(2)} ×`, ratio >= TARGETS.ratioToBare]);
    targetLines.push([`${atTarget}: ≤ ${TARGETS.kbPerSocket} KB server memory per idle socket`, `${fmt(k.kbPerSocket, 1)} KiB`, k.kbPerSocket <= TARGETS.kbPerSocket]);
  }
  // Correctness holds at every size, and for the baseline too: a loss there means the bench is broken.
  for (const viewers of VIEWER_COUNTS) {
    for (const label of ['Kolom', 'bare socket.io']) {
      const r = find(label, viewers);
      if (!r) continue;
      targetLines.push([
        `${label}, ${fmt(viewers)} viewers: every viewer joined and got every comment once`,
        `${fmt(r.joinFailures)} failed, ${fmt(r.missing)} missing, ${fmt(r.duplicates)} twice`,
        r.joinFailures === 0 && r.missing === 0 && r.duplicates === 0,
      ]);
    }
  }
  printTargets(targetLines);
  printLoadAtEnd();
  if (problems.length > 0) throw new Error(`not every server could be measured:\n  ${problems.join('\n  ')}`);
}

runBench(main, { database, stopping: 'the servers and workers', stop: stopAll });
