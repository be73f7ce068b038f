/**
 * The steps of the live benchmark that every server goes through alike (Kolom alone, the bare
 * baseline, two Kolom nodes), so that their figures compare: how the viewers joined, then a warm-up,
 * the paced phase (POST → receipt latency at one comment a second) and the bursts (delivery rate).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fmt } from '../support/report.js';
import { IN_FLIGHT_PER_WORKER, type Fleet, type FleetConnection } from './fleet.js';
import { postTimed, printPhase, RUN_ID, runPhase, type PhaseResult } from './phase.js';
import type { JoinAck } from './protocol.js';
import type { LiveServer } from './servers.js';
import { concat, ms, summarise, type LatencySummary } from './stats.js';

export const PACED_COMMENTS = 10;
export const PACED_INTERVAL_MS = 1_000;
/** The burst sends about this many deliveries whatever N is, so both sizes take similar time. */
const BURST_DELIVERIES = 250_000;
const BURST_POSTERS = 4;
/**
 * The burst runs this many times and the faster counts: the viewers share the server's two cores,
 * so anything else waking up on the machine lands in one short run and is unlikely to land in all.
 */
export const BURSTS = 3;

/**
 * Two comments before anyone watches: the code paths are warm and, for Kolom, the flood check is
 * known to be off (the second would answer 429 otherwise).
 */
export async function preflight(server: LiveServer, viewers: number): Promise<void> {
  for (const i of [1, 2]) {
    const post = await postTimed(server, `${RUN_ID}-${server.tag}${viewers}-preflight-${i}`);
    if (post.status !== 201) throw new Error(`preflight POST to ${server.label} answered ${post.status}: ${post.text.slice(0, 500)}`);
  }
  await sleep(1_000);
}

export interface Joins {
  connected: number;
  joinFailures: number;
  /** From io() to the join ack, per viewer. */
  join: LatencySummary;
}

/** Sums up and prints the fleet's connection steps (one, or several with readings in between). */
export function reportJoins(fleet: Fleet, viewers: number, steps: FleetConnection[]): Joins {
  const connected = steps.reduce((sum, step) => sum + step.ok, 0);
  const joinFailures = steps.reduce((sum, step) => sum + step.failed, 0);
  const join = summarise(concat(steps.map((step) => step.joinMs)));
  const connectSeconds = steps.reduce((sum, step) => sum + step.seconds, 0);
  const ack = steps.map((step) => step.lastAck).reduce<JoinAck | null>((last, stepAck) => stepAck ?? last, null);
  console.log(
    `  connected ${fmt(connected)} of ${fmt(viewers)} viewers in ${connectSeconds.toFixed(2)} s (${fmt(connected / connectSeconds)}/s, ` +
      `${IN_FLIGHT_PER_WORKER * fleet.workers.length} handshakes in flight); io() → join ack p50 ${ms(join.p50)}  p99 ${ms(join.p99)}  max ${ms(join.max)}`,
  );
  console.log(`    join ack of the last viewer to join: ${JSON.stringify(ack)}`);
  if (joinFailures > 0) {
    const failures: Record<string, number> = {};
    for (const step of steps) for (const [reason, n] of Object.entries(step.failures)) failures[reason] = (failures[reason] ?? 0) + n;
    const reasons = Object.entries(failures)
      .map(([reason, n]) => `${reason} ×${n}`)
      .join('; ');
    console.log(`    !!! ${fmt(joinFailures)} viewers could not join: ${reasons}`);
  }
  return { connected, joinFailures, join };
}

export interface Delivery {
  paced: PhaseResult;
  /** The faster burst: the rate compared with the baseline. */
  burst: PhaseResult;
  /** Over every measured phase (not the warm-up): (comment, viewer) pairs never delivered, and delivered twice. */
  missing: number;
  duplicates: number;
}

/** Comments go to `server`; the fleet's `connected` viewers are already in its article's room. */
export async function measureDelivery(fleet: Fleet, server: LiveServer, connected: number): Promise<Delivery> {
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

  const measured = [paced, ...bursts];
  const missing = measured.reduce((sum, result) => sum + result.missing, 0);
  const duplicates = measured.reduce((sum, result) => sum + result.duplicates, 0);
  return { paced, burst, missing, duplicates };
}
