/**
 * The live benchmark's two-node variant: two Kolom processes on the same PostgreSQL database and
 * the same Redis, every viewer connected to node B and every comment POSTed to node A, so that each
 * delivery crosses from one node to the other. Its steps are the single node's (delivery.ts), so
 * its POST → receipt latency stands next to Kolom alone at the same number of viewers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { freePort } from '../support/bench-server.js';
import { fmt } from '../support/report.js';
import { measureDelivery, preflight, reportJoins, type Delivery, type Joins } from './delivery.js';
import type { Fleet } from './fleet.js';
import { RUN_ID } from './phase.js';
import { startKolom, stopProcess, type LiveServer } from './servers.js';

/** Where the nodes meet: the bench's own REDIS_URL, else the local Redis. */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/**
 * Names every stream, channel and key of this run's nodes: article ids start at 1 in every fresh
 * database, so nodes of another run, or anyone's Kolom on that Redis, must not hear ours (nor we theirs).
 */
const REDIS_PREFIX = `kolom-bench-${RUN_ID}`;
/** Viewers idle this long after joining before the first comment, as they do on one node while its memory is read. */
const SETTLE_MS = 3_000;

/** Set once a node has been given the prefix: from then on the clean-up looks for its keys. */
let redisUsed = false;

export interface TwoNodeMeasurement extends Joins, Delivery {
  viewers: number;
}

/** Fails at once, before minutes of single-node measuring, if the nodes would have no Redis to meet on. */
export async function assertRedisReachable(): Promise<void> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(
      `the two-node variant needs Redis at ${new URL(REDIS_URL).host} (REDIS_URL): ${(error as Error).message}; ` +
        'start it, or set LIVE_BENCH_TWO_NODE_VIEWERS= (empty) to skip the variant',
      { cause: error },
    );
  } finally {
    if (client.isOpen) await client.quit();
  }
}

export function describeTwoNode(): string {
  return `two Kolom nodes on this database and Redis ${new URL(REDIS_URL).host} (REDIS_PREFIX ${REDIS_PREFIX})`;
}

/**
 * Starts two fresh nodes, measures delivery from A to viewers on B and stops both. `publicUrl` is
 * the single node's: the nodes serve the very article it served, and its URL passes the origin
 * check on both. On failure it prints what went wrong with both nodes' last log lines, and throws.
 */
export async function measureTwoNode(fleet: Fleet, databaseUrl: string, publicUrl: string, viewers: number): Promise<TwoNodeMeasurement> {
  const [a, b] = await startNodes(databaseUrl, publicUrl);
  // What the phases post to and whose CPU they read: comments go to A, and the work is both nodes'.
  const pair: LiveServer = {
    ...a,
    label: 'Kolom, two nodes',
    tag: 'kk',
    cpuTimeMs: () => a.cpuTimeMs() + b.cpuTimeMs(),
    logTail: () => `  node A:\n${a.logTail()}\n  node B:\n${b.logTail()}`,
  };
  try {
    await preflight(pair, viewers);
    const joins = reportJoins(fleet, viewers, [await fleet.connect(b, viewers)]);
    await sleep(SETTLE_MS);
    const delivery = await measureDelivery(fleet, pair, joins.connected);
    await fleet.disconnect();
    return { viewers, ...joins, ...delivery };
  } catch (error) {
    console.log(`  !!! ${(error as Error).message}`);
    console.log(`  last server log lines:\n${pair.logTail()}`);
    await fleet.disconnect().catch(() => undefined);
    throw error;
  } finally {
    await Promise.all([stopProcess(a.child), stopProcess(b.child)]);
  }
}

/** Both at once, as a deployment starts them; if one cannot start, the other is stopped too. */
async function startNodes(databaseUrl: string, publicUrl: string): Promise<[LiveServer, LiveServer]> {
  redisUsed = true;
  const options = { publicUrl, env: { REDIS_URL, REDIS_PREFIX } };
  const portA = await freePort();
  let portB = await freePort();
  while (portB === portA) portB = await freePort(); // both were free a moment ago: they could be the same
  const started = await Promise.allSettled([
    startKolom(databaseUrl, portA, { ...options, label: 'node A (comments are POSTed here)' }),
    startKolom(databaseUrl, portB, { ...options, label: 'node B (viewers connect here)' }),
  ]);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.filter((result) => result.status === 'fulfilled').map((result) => stopProcess(result.value.child)));
    throw failed.reason;
  }
  return started.map((result) => (result as PromiseFulfilledResult<LiveServer>).value) as [LiveServer, LiveServer];
}

/**
 * Removes the streams and keys the nodes left under this run's prefix (channels leave nothing).
 * Never throws: it runs on the way out, after the nodes have stopped, where a failure can only be reported.
 */
export async function removeRedisKeys(): Promise<void> {
  if (!redisUsed) return;
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    let removed = 0;
    // The prefix ends in a fixed-length random id, so this pattern matches no other run's names.
    for await (const keys of client.scanIterator({ MATCH: `${REDIS_PREFIX}*`, COUNT: 1_000 })) {
      if (keys.length > 0) removed += await client.unlink(keys);
    }
    console.log(`removed ${fmt(removed)} Redis keys named ${REDIS_PREFIX}*`);
  } catch (error) {
    console.error(`could not remove the Redis keys named ${REDIS_PREFIX}*: ${(error as Error).message}`);
  } finally {
    if (client.isOpen) await client.quit().catch(() => undefined);
  }
}
