/**
 * The live benchmark's closing report: one table with every server at every N (the two-node
 * variant's row right under Kolom alone at the same N, with their p99 ratio), then PASS/MISS
 * against the targets, correctness included.
 */
import { fmt, printLoadAtEnd, printSummary, printTargets } from '../support/report.js';
import { BURSTS, type Delivery, type Joins } from './delivery.js';
import { ms } from './stats.js';
import type { TwoNodeMeasurement } from './two-node.js';

const TARGETS = { viewers: 5_000, p99Ms: 250, ratioToBare: 0.8, kbPerSocket: 40 } as const;
const TWO_NODES = 'Kolom, 2 nodes A→B';

/** One server (Kolom alone or the bare baseline) at one N. */
export interface Measurement extends Joins, Delivery {
  server: string;
  viewers: number;
  kbPerSocket: number;
  kbPerExtraSocket: number;
}

export interface Results {
  viewerCounts: number[];
  twoNodeViewerCounts: number[];
  results: Measurement[];
  twoNode: TwoNodeMeasurement[];
}

const HEADER = ['viewers', 'server', 'join p99', 'p50 ms', 'p99 ms', 'max ms', 'p99 ÷ 1 node', 'burst msg/s', 'ratio', 'µs CPU/msg', 'KiB/socket', 'missing'];

/** The cells that differ by kind of server are given; the rest are read off the measurement. */
function row(viewers: number, label: string, r: Joins & Delivery, cells: { p99Ratio: string; ratio: string; kib: string }): string[] {
  const { latency } = r.paced;
  return [
    fmt(viewers),
    label,
    fmt(r.join.p99),
    latency.p50.toFixed(1),
    latency.p99.toFixed(1),
    latency.max.toFixed(1),
    cells.p99Ratio,
    fmt(r.burst.rate),
    cells.ratio,
    fmt((r.burst.serverCpuMs * 1_000) / r.burst.delivered, 1),
    cells.kib,
    fmt(r.missing + r.duplicates),
  ];
}

const notMeasured = (viewers: number, label: string) => [fmt(viewers), label, ...HEADER.slice(2).map(() => 'n/a')];
const ratioText = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

export function printReport({ viewerCounts, twoNodeViewerCounts, results, twoNode }: Results): void {
  const find = (server: string, viewers: number) => results.find((r) => r.server === server && r.viewers === viewers);
  const ratioAt = (viewers: number) => {
    const k = find('Kolom', viewers);
    const bare = find('bare socket.io', viewers);
    return k && bare ? k.burst.rate / bare.burst.rate : NaN;
  };

  const rows: string[][] = [HEADER];
  // Every size either part measured, in the order asked for: the two-node sizes may add some.
  const sizes = [...new Set([...viewerCounts, ...twoNodeViewerCounts])];
  for (const viewers of sizes) {
    const single = viewerCounts.includes(viewers);
    if (single) {
      const k = find('Kolom', viewers);
      rows.push(k ? row(viewers, 'Kolom', k, { p99Ratio: '', ratio: ratioAt(viewers).toFixed(2), kib: kib(k) }) : notMeasured(viewers, 'Kolom'));
    }
    if (twoNodeViewerCounts.includes(viewers)) {
      const two = twoNode.find((r) => r.viewers === viewers);
      const k = find('Kolom', viewers);
      const bare = find('bare socket.io', viewers);
      rows.push(
        two
          ? row(viewers, TWO_NODES, two, {
              p99Ratio: ratioText(k ? two.paced.latency.p99 / k.paced.latency.p99 : NaN),
              ratio: ratioText(bare ? two.burst.rate / bare.burst.rate : NaN),
              kib: '',
            })
          : notMeasured(viewers, TWO_NODES),
      );
    }
    if (single) {
      const bare = find('bare socket.io', viewers);
      rows.push(bare ? row(viewers, 'bare socket.io', bare, { p99Ratio: '', ratio: '', kib: kib(bare) }) : notMeasured(viewers, 'bare socket.io'));
    }
  }
  printSummary(rows, 2, '  ');
  console.log('  join p99: io() to join ack, ms. p50/p99/max: POST → receipt at one comment per second.');
  console.log(`  burst msg/s: deliveries ÷ (last receipt − first POST), the faster of ${BURSTS} bursts; ratio: Kolom ÷ bare at the same N.`);
  console.log('  µs CPU/msg: server CPU time over that burst ÷ deliveries. KiB/socket: RSS delta ÷ viewers (in brackets: over the last 80 %).');
  console.log('  missing: (comment, viewer) pairs never delivered or delivered twice, over every measured phase.');
  if (twoNodeViewerCounts.length > 0) {
    console.log(`  ${TWO_NODES}: two Kolom processes on one database and one Redis; every viewer on node B, every comment POSTed to node A.`);
    console.log("    p99 ÷ 1 node: its p99 ÷ Kolom's single-node p99 at the same N. Its ratio and µs CPU/msg count both nodes.");
  }

  printTargets([...performanceTargets(find, ratioAt), ...correctness({ viewerCounts, twoNodeViewerCounts, results, twoNode }, find)]);
  printLoadAtEnd();
}

const kib = (r: Measurement) => `${fmt(r.kbPerSocket, 1)} (${fmt(r.kbPerExtraSocket, 1)})`;

type Line = [string, string, boolean];

function performanceTargets(find: (server: string, viewers: number) => Measurement | undefined, ratioAt: (viewers: number) => number): Line[] {
  const k = find('Kolom', TARGETS.viewers);
  const atTarget = `${fmt(TARGETS.viewers)} viewers`;
  if (!k) return [[`Kolom measured at ${atTarget}`, 'no', false]];
  const ratio = ratioAt(TARGETS.viewers);
  return [
    [`${atTarget}, 1 comment/s: p99 ≤ ${TARGETS.p99Ms} ms`, ms(k.paced.latency.p99), k.paced.latency.p99 <= TARGETS.p99Ms],
    [`${atTarget}: delivery rate ≥ ${TARGETS.ratioToBare} × bare socket.io`, `${ratio.toFixed(2)} ×`, ratio >= TARGETS.ratioToBare],
    [`${atTarget}: ≤ ${TARGETS.kbPerSocket} KB server memory per idle socket`, `${fmt(k.kbPerSocket, 1)} KiB`, k.kbPerSocket <= TARGETS.kbPerSocket],
  ];
}

/** Correctness holds at every size, across nodes, and for the baseline too: a loss there means the bench is broken. */
function correctness({ viewerCounts, twoNodeViewerCounts, twoNode }: Results, find: (server: string, viewers: number) => Measurement | undefined): Line[] {
  const line = (label: string, viewers: number, r: Joins & Delivery): Line => [
    `${label}, ${fmt(viewers)} viewers: every viewer joined and got every comment once`,
    `${fmt(r.joinFailures)} failed, ${fmt(r.missing)} missing, ${fmt(r.duplicates)} twice`,
    r.joinFailures === 0 && r.missing === 0 && r.duplicates === 0,
  ];
  const lines: Line[] = [];
  for (const viewers of viewerCounts) {
    for (const label of ['Kolom', 'bare socket.io']) {
      const r = find(label, viewers);
      if (r) lines.push(line(label, viewers, r));
    }
  }
  for (const viewers of twoNodeViewerCounts) {
    const r = twoNode.find((two) => two.viewers === viewers);
    if (r) lines.push(line(TWO_NODES, viewers, r));
  }
  return lines;
}
