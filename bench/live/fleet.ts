/**
 * The live benchmark's viewers: forked live-clients.worker processes, each holding a share of the
 * sockets, driven over IPC (see protocol.ts) by bench/live.bench.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { ConnectReport, DriverMessage, JoinAck, PhaseReport, WorkerMessage } from './protocol.js';
import { concat } from './stats.js';

const WORKER_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../live-clients.worker.js');
/** Handshakes each worker keeps open at once while connecting. */
export const IN_FLIGHT_PER_WORKER = 25;
const JOIN_TIMEOUT_MS = 20_000;
/** A single viewer tried first: if it cannot join, the other N − 1 would each wait this long. */
const PROBE_TIMEOUT_MS = 5_000;

/** A server the viewers can join: its address and the article they all read. */
export interface JoinTarget {
  label: string;
  base: string;
  articleUrl: string;
}

class ClientWorker {
  readonly child: ChildProcess;
  /** Deliveries in the current phase, as last reported. */
  received = 0;
  private waiters: Array<{ type: WorkerMessage['type']; resolve: (message: WorkerMessage) => void; reject: (error: Error) => void }> = [];

  constructor(
    readonly index: number,
    onChild: (child: ChildProcess) => void,
  ) {
    this.child = fork(WORKER_ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    onChild(this.child);
    this.child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        this.received = message.received;
      } else if (message.type === 'failed') {
        this.rejectAll(new Error(`client worker ${index} failed: ${message.message}`));
      } else {
        const at = this.waiters.findIndex((waiter) => waiter.type === message.type);
        if (at >= 0) this.waiters.splice(at, 1)[0].resolve(message);
      }
    });
    this.child.on('exit', (code, signal) => this.rejectAll(new Error(`client worker ${index} exited (code ${code}, signal ${signal})`)));
    this.child.on('error', (error) => this.rejectAll(new Error(`client worker ${index}: ${error.message}`)));
  }

  private rejectAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  request<T extends WorkerMessage['type']>(message: DriverMessage | null, reply: T): Promise<Extract<WorkerMessage, { type: T }>> {
    if (!this.child.connected)
      return Promise.reject(new Error(`client worker ${this.index} is gone (code ${this.child.exitCode}, signal ${this.child.signalCode})`));
    const answer = new Promise<WorkerMessage>((resolvePromise, reject) => this.waiters.push({ type: reply, resolve: resolvePromise, reject }));
    if (message) this.child.send(message);
    return answer as Promise<Extract<WorkerMessage, { type: T }>>;
  }
}

export interface FleetConnection {
  ok: number;
  failed: number;
  failures: Record<string, number>;
  joinMs: Float64Array;
  seconds: number;
  lastAck: JoinAck | null;
}

/** The viewers, spread over `size` worker processes; `onChild` hears of each so it can be stopped on exit. */
export class Fleet {
  readonly workers: ClientWorker[];
  connected = 0;

  private constructor(size: number, onChild: (child: ChildProcess) => void) {
    this.workers = Array.from({ length: size }, (_, i) => new ClientWorker(i, onChild));
  }

  static async start(size: number, onChild: (child: ChildProcess) => void): Promise<Fleet> {
    const fleet = new Fleet(size, onChild);
    await Promise.all(fleet.workers.map((worker) => worker.request(null, 'ready')));
    return fleet;
  }

  /** Adds `viewers` sockets to those already connected. */
  async connect(server: JoinTarget, viewers: number): Promise<FleetConnection> {
    const join = { site: 'demo', url: server.articleUrl };
    const started = performance.now();
    const reports: ConnectReport[] = [];
    if (this.connected === 0) {
      const probe = await this.workers[0].request(
        { type: 'connect', base: server.base, count: 1, join, inFlight: 1, timeoutMs: PROBE_TIMEOUT_MS },
        'connected',
      );
      if (probe.ok !== 1) {
        throw new Error(`the first viewer could not join ${server.label}: ${Object.keys(probe.failures).join('; ')}`);
      }
      reports.push(probe);
    }
    const rest = viewers - reports.length;
    reports.push(
      ...(await Promise.all(
        this.workers.map((worker, i) => {
          const count = Math.floor(rest / this.workers.length) + (i < rest % this.workers.length ? 1 : 0);
          return worker.request({ type: 'connect', base: server.base, count, join, inFlight: IN_FLIGHT_PER_WORKER, timeoutMs: JOIN_TIMEOUT_MS }, 'connected');
        }),
      )),
    );
    const failures: Record<string, number> = {};
    for (const report of reports) for (const [reason, n] of Object.entries(report.failures)) failures[reason] = (failures[reason] ?? 0) + n;
    const ok = reports.reduce((sum, report) => sum + report.ok, 0);
    this.connected += ok;
    return {
      ok,
      failed: reports.reduce((sum, report) => sum + report.failed, 0),
      failures,
      joinMs: concat(reports.map((report) => report.joinMs)),
      seconds: (performance.now() - started) / 1_000,
      lastAck: reports
        .map((report) => report.lastAck)
        .reduce<JoinAck | null>((best, ack) => (ack && (!best || (ack.viewers ?? 0) > (best.viewers ?? 0)) ? ack : best), null),
    };
  }

  async startPhase(): Promise<void> {
    for (const worker of this.workers) worker.received = 0;
    await Promise.all(this.workers.map((worker) => worker.request({ type: 'phase' }, 'phase-started')));
  }

  received(): number {
    return this.workers.reduce((sum, worker) => sum + worker.received, 0);
  }

  collect(postStarts: Map<number, number>): Promise<PhaseReport[]> {
    return Promise.all(this.workers.map((worker) => worker.request({ type: 'collect', postStarts }, 'collected')));
  }

  async disconnect(): Promise<void> {
    this.connected = 0;
    await Promise.all(this.workers.map((worker) => worker.request({ type: 'disconnect' }, 'disconnected')));
  }
}
