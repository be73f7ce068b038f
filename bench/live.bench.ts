/**
 * Live delivery benchmark: N real socket.io-client viewers of one article, held by several worker
 * processes, against the built server on a real PostgreSQL, next to a bare socket.io server that
 * broadcasts the same payload to the same clients. For each N it prints the POST → receipt latency
 * at one comment per second, the delivered messages per second under a burst of comments, the
 * server memory per idle connected socket, and Kolom's delivery rate as a share of the bare
 * server's; then the same latency across two Kolom nodes (viewers on one, comments POSTed to the
 * other, through Redis) next to the single node's; then PASS/MISS against the targets. Exits 0
 * unless something broke. Run with `npm run bench:live`.
 *
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres) names
 * the PostgreSQL on which a throw-away database kolom_bench_<random> is created and dropped.
 * LIVE_BENCH_VIEWERS (default "1000,5000") and LIVE_BENCH_WORKERS (default 4) change the fleet.
 * LIVE_BENCH_TWO_NODE_VIEWERS (default "5000"; empty skips it) lists the sizes of the two-node
 * variant, whose nodes meet on REDIS_URL (default redis://127.0.0.1:6379) under a REDIS_PREFIX of
 * this run's own, kolom-bench-<random>, whose keys are removed at the end.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { measureDelivery, preflight, reportJoins } from './live/delivery.js';
import { Fleet } from './live/fleet.js';
import { rssKiB } from './live/resource-usage.js';
import { startBare, startKolom, stopAllProcesses, stopProcess, track, type LiveServer } from './live/servers.js';
import { printReport, type Measurement } from './live/summary.js';
import { assertRedisReachable, describeTwoNode, measureTwoNode, removeRedisKeys, type TwoNodeMeasurement } from './live/two-node.js';
import { BenchDatabase, openPool } from './support/bench-database.js';
import { freePort } from './support/bench-server.js';
import { BODY_CHARS, letBenchPost, SITE_CACHE_WAIT_MS } from './support/demo-site.js';
import { fmt, loadAverage, printHeading } from './support/report.js';
import { runBench } from './support/run-bench.js';

const VIEWER_COUNTS = (process.env.LIVE_BENCH_VIEWERS || '1000,5000').split(',').map((n) => Number(n.trim()));
/** `??`, not `||`: an empty value is how the variant is skipped. */
const TWO_NODE_VIEWER_COUNTS = (process.env.LIVE_BENCH_TWO_NODE_VIEWERS ?? '5000')
  .split(',')
  .map((n) => n.trim())
  .filter((n) => n !== '')
  .map(Number);
const WORKER_COUNT = Number(process.env.LIVE_BENCH_WORKERS || 4);
const IDLE_BEFORE_MEMORY_MS = 3_000;

// Clean-up: whatever happens (error, Ctrl-C), the servers and workers stop, the Redis keys of the
// two-node variant go (after its nodes have stopped, or they could write again) and the database goes.
const database = new BenchDatabase();

async function stopEverything(): Promise<void> {
  await stopAllProcesses();
  await removeRedisKeys();
}

const mib = (kib: number) => `${fmt(kib / 1024, 1)} MiB`;

// ---------------------------------------------------------------------------------------------
// One server at one N

async function measure(fleet: Fleet, server: LiveServer, viewers: number): Promise<Measurement> {
  await preflight(server, viewers);
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
  const joins = reportJoins(fleet, viewers, second ? [first, second] : [first]);
  const { connected } = joins;

  await sleep(IDLE_BEFORE_MEMORY_MS);
  const rssAfter = rssKiB(server.pid);
  const kbPerSocket = (rssAfter - rssBefore) / connected;
  const kbPerExtraSocket = (rssAfter - rssMid) / (connected - first.ok);
  console.log(
    `  server RSS: ${mib(rssBefore)} before connecting, ${mib(rssMid)} with ${fmt(first.ok)} idle viewers, ` +
      `${mib(rssAfter)} with ${fmt(connected)} → ${fmt(kbPerSocket, 1)} KiB per socket ` +
      `(${fmt(kbPerExtraSocket, 1)} KiB per socket over the last ${fmt(connected - first.ok)})`,
  );

  const delivery = await measureDelivery(fleet, server, connected);
  await fleet.disconnect();
  return { server: server.label, viewers, ...joins, kbPerSocket, kbPerExtraSocket, ...delivery };
}

// ---------------------------------------------------------------------------------------------

function checkSettings(): void {
  for (const n of VIEWER_COUNTS)
    if (!Number.isInteger(n) || n < 1) throw new Error(`LIVE_BENCH_VIEWERS must list whole numbers (got ${process.env.LIVE_BENCH_VIEWERS})`);
  for (const n of TWO_NODE_VIEWER_COUNTS) {
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`LIVE_BENCH_TWO_NODE_VIEWERS must list whole numbers, or be empty (got ${process.env.LIVE_BENCH_TWO_NODE_VIEWERS})`);
  }
  if (!Number.isInteger(WORKER_COUNT) || WORKER_COUNT < 1) throw new Error(`LIVE_BENCH_WORKERS must be a whole number (got ${process.env.LIVE_BENCH_WORKERS})`);
}

async function main(): Promise<void> {
  checkSettings();
  if (TWO_NODE_VIEWER_COUNTS.length > 0) await assertRedisReachable();

  const { url: databaseUrl, pgVersion } = await database.create();
  printHeading('Kolom live delivery benchmark', pgVersion);
  console.log(
    `bench database: ${database.name}; viewers ${VIEWER_COUNTS.map((n) => fmt(n)).join(' and ')} over ${WORKER_COUNT} worker processes ` +
      `(socket.io-client, websocket transport); ~${BODY_CHARS}-char comments`,
  );
  if (TWO_NODE_VIEWER_COUNTS.length > 0) {
    console.log(
      `two-node variant at ${TWO_NODE_VIEWER_COUNTS.map((n) => fmt(n)).join(' and ')} viewers: ${describeTwoNode()}; viewers on node B, comments POSTed to node A`,
    );
  }
  console.log(`note: the viewers, the server and PostgreSQL share the CPUs above; load average now ${loadAverage()}.`);

  // Kolom starts up front to migrate the database and create the demo site, whose flood check then
  // goes off; that server serves the first N and each later N gets a fresh one on the same port, so
  // that memory starts from the same place and the article URL stays the same.
  const port = await freePort();
  console.log(`\n[setup]`);
  let kolom: LiveServer | null = await startKolom(databaseUrl, port);
  // The two-node variant's nodes take this PUBLIC_URL too, so that they serve the very same article.
  const publicUrl = new URL(kolom.articleUrl).origin;
  const pool = openPool(databaseUrl, 1);
  try {
    console.log(`  demo site settings: ${JSON.stringify(await letBenchPost(pool))}`);
  } finally {
    await pool.end();
  }
  await sleep(SITE_CACHE_WAIT_MS);
  const fleet = await Fleet.start(WORKER_COUNT, track);

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

  const twoNode: TwoNodeMeasurement[] = [];
  for (const viewers of TWO_NODE_VIEWER_COUNTS) {
    console.log(`\n[${fmt(viewers)} viewers · Kolom, two nodes]`);
    try {
      twoNode.push(await measureTwoNode(fleet, databaseUrl, publicUrl, viewers));
    } catch (error) {
      // measureTwoNode has said what went wrong; the figures of the others still get their summary.
      problems.push(`Kolom, two nodes at ${fmt(viewers)} viewers: ${(error as Error).message}`);
    }
  }

  printReport({ viewerCounts: VIEWER_COUNTS, twoNodeViewerCounts: TWO_NODE_VIEWER_COUNTS, results, twoNode });
  if (problems.length > 0) throw new Error(`not every server could be measured:\n  ${problems.join('\n  ')}`);
}

runBench(main, { database, stopping: "the servers and workers, removing this run's Redis keys", stop: stopEverything });
