/**
 * One phase of the live benchmark: comments POSTed to a server at a pace (one a second) or in a
 * burst, while the fleet's viewers stamp every delivery; then every (comment, viewer) pair is
 * checked for a missing or doubled delivery, and the latencies summarised.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { commentForm, postComment } from '../support/demo-site.js';
import { fmt } from '../support/report.js';
import type { Fleet } from './fleet.js';
import { wallClockMs, type PhaseReport } from './protocol.js';
import { machineBusyMs, ownCpuMs } from './resource-usage.js';
import type { LiveServer } from './servers.js';
import { concat, ms, summarise, type LatencySummary } from './stats.js';

/** In every comment body, so that no two runs of the bench post the same text. */
export const RUN_ID = randomBytes(3).toString('hex');
/** A phase ends when every delivery is in, or when none has arrived for this long. */
const QUIET_MS = 5_000;

export interface Post {
  status: number;
  id: number | null;
  /** wallClockMs() just before the request left. */
  startedAt: number;
  ms: number;
  text: string;
}

export async function postTimed(server: LiveServer, tag: string): Promise<Post> {
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

export interface PhaseResult extends PhaseCounts {
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

export type Pace = { kind: 'paced'; comments: number; intervalMs: number } | { kind: 'burst'; comments: number; posters: number };

export async function runPhase(fleet: Fleet, server: LiveServer, name: string, pace: Pace): Promise<PhaseResult> {
  await fleet.startPhase();
  const posts: Post[] = [];
  const tag = (i: number) => `${RUN_ID}-${server.tag}${fleet.connected}-${name}-${i}`;
  const serverCpuBefore = server.cpuTimeMs();
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
  const serverCpuMs = server.cpuTimeMs() - serverCpuBefore;
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

export function printPhase(result: PhaseResult, headline: string): void {
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
  const others = Object.entries(result.otherEvents)
    .map(([event, n]) => `${event} ×${fmt(n)}`)
    .join(', ');
  if (others) console.log(`    other events (not timed): ${others}`);
  if (result.postFailures > 0) console.log(`    !!! ${result.postFailures} POSTs failed; first: ${result.firstPostFailure}`);
  if (result.missing > 0) {
    console.log(`    !!! MISSING DELIVERIES: ${fmt(result.missing)} (comment, viewer) pairs never arrived, on ${fmt(result.socketsMissing)} sockets`);
  }
  if (result.duplicates > 0) console.log(`    !!! ${fmt(result.duplicates)} duplicate deliveries`);
  if (result.unexpected > 0) console.log(`    ${fmt(result.unexpected)} deliveries of comments not posted in this phase`);
  const gone = Object.entries(result.disconnected)
    .map(([reason, n]) => `${reason} ×${fmt(n)}`)
    .join(', ');
  if (gone) console.log(`    !!! sockets disconnected: ${gone}`);
}
