/**
 * What the live benchmark's driver (bench/live.bench.ts) and its client workers
 * (bench/live-clients.worker.ts) say to each other over the fork IPC channel. The channel uses
 * `serialization: 'advanced'`, so Maps and typed arrays cross it without a JSON detour.
 */
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds on the wall clock with sub-millisecond resolution. The driver stamps each POST
 * with it and the workers stamp each receipt with it; Date.now() would round both to whole
 * milliseconds, which is coarse next to a local delivery of a few milliseconds.
 */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** What `join` acknowledges: Kolom's contract, which the bare server imitates. */
export interface JoinAck {
  articleId?: number;
  viewers?: number;
  lastEventId?: number | string | null;
  error?: { status?: number; message?: string };
}

export type DriverMessage =
  /** Open `count` sockets to `base`, each joining with `join`, at most `inFlight` handshakes at a time. */
  | { type: 'connect'; base: string; count: number; join: Record<string, unknown>; inFlight: number; timeoutMs: number }
  /** Forget earlier receipts: what arrives from now on belongs to this phase. */
  | { type: 'phase' }
  /** End the phase; `postStarts` maps each comment id the driver posted to its POST start time. */
  | { type: 'collect'; postStarts: Map<number, number> }
  | { type: 'disconnect' };

export interface ConnectReport {
  type: 'connected';
  ok: number;
  failed: number;
  /** Failure reason → how many sockets failed that way. */
  failures: Record<string, number>;
  /** Per socket: from `io()` to the join ack. */
  joinMs: Float64Array;
  lastAck: JoinAck | null;
  seconds: number;
}

export interface PhaseReport {
  type: 'collected';
  /** One entry per delivery of an expected comment: receipt minus POST start. */
  latencies: Float64Array;
  firstReceipt: number;
  lastReceipt: number;
  /** Expected (socket, comment) pairs that never arrived. */
  missing: number;
  /** Sockets that missed at least one expected comment. */
  socketsMissing: number;
  duplicates: number;
  /** `comment.created` for ids the driver did not post in this phase. */
  unexpected: number;
  /** Other events by name (article.stats and the like), counted but not timed. */
  otherEvents: Record<string, number>;
  /** Bytes of one `comment.created` payload as JSON, to show both servers send the same size. */
  payloadBytes: number;
  /** Sockets that are no longer connected, by disconnect reason. */
  disconnected: Record<string, number>;
  /** CPU time this worker spent during the phase: on a shared machine the viewers compete with the server. */
  cpuMs: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | ConnectReport
  | { type: 'phase-started' }
  | { type: 'progress'; received: number }
  | PhaseReport
  | { type: 'disconnected' }
  | { type: 'failed'; message: string };
