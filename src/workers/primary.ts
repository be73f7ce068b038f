import cluster, { type Worker } from 'node:cluster';
import { setupPrimary as relayLiveMessages } from '@socket.io/cluster-adapter';
import pino, { type Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { KolomConfig } from '../config/config.js';
import { listenForScrapes } from '../metrics/metrics-endpoint.js';
import { SHUTDOWN_DEADLINE_MS } from '../shutdown/shutdown-deadline.js';
import { FirstWorkerFailedError, isKolomMessage, type PrimaryMessage, type WorkerMessage } from './worker-messages.js';

/** A crashed worker's replacement starts after this; each crash in a row doubles it, up to RESTART_MAX_MS. */
const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/** A worker that served this long before it died was not crashing in a loop: its replacement starts soon. */
const STEADY_MS = 60_000;
/** The workers' own deadline passes first (they exit 1 then); one stuck beyond it is killed. */
const KILL_AFTER_MS = SHUTDOWN_DEADLINE_MS + 1_000;

interface Slot {
  /** 1…KOLOM_WORKERS: a replacement keeps its predecessor's number, so the logs read as one worker. */
  number: number;
  worker: Worker | null;
  startedAt: number;
  /** Crashes in a row, for the backoff. */
  crashes: number;
  restart: NodeJS.Timeout | null;
  /** The worker's presence id (ClusterBus.nodeId), once it has told it. */
  liveNode: string | null;
}

/**
 * KOLOM_WORKERS processes on one port, through Node's cluster module: the primary holds the
 * listening socket and hands each new connection to the next worker in turn. Every worker is a whole
 * Kolom node (its own pool, live relay, caches); what they must share goes through PostgreSQL, and
 * live rooms through the socket.io cluster adapter, which this primary relays (or Redis when
 * REDIS_URL is set). The primary itself loads no application code and opens no database connection.
 */
export class WorkerPool {
  private readonly log: Logger;
  private readonly slots: Slot[];
  private firstReady = false;
  private stopping = false;
  private stoppedUncleanly = false;

  constructor(private readonly config: KolomConfig) {
    // The same JSON lines as the workers' (nestjs-pino), marked as the primary's by their context.
    this.log = pino({ level: config.logLevel }).child({ context: 'Workers' });
    this.slots = Array.from({ length: config.workers }, (_, i) => ({
      number: i + 1,
      worker: null,
      startedAt: 0,
      crashes: 0,
      restart: null,
      liveNode: null,
    }));
  }

  /**
   * The first worker alone, until it listens: it migrates the database and creates the demo site and
   * the first admin, so the others start on a finished schema and find them there. Then the rest.
   * Rejects when the first cannot start (it has said why): the primary then exits 1.
   */
  async start(): Promise<void> {
    if (!this.config.redisUrl) relayLiveMessages();
    this.log.info(`starting ${this.slots.length} workers on port ${this.config.port}: one first (it migrates the database), then the others`);
    if (!(await this.fork(this.slots[0]))) {
      if (this.stopping) return;
      throw new FirstWorkerFailedError();
    }
    this.firstReady = true;
    const ready = 1 + (await Promise.all(this.slots.slice(1).map((slot) => this.fork(slot)))).filter(Boolean).length;
    if (this.stopping) return;
    const all = this.slots.length;
    this.log.info(
      ready === all
        ? `${all} workers serving on port ${this.config.port}`
        : `${ready} of ${all} workers serving on port ${this.config.port}; the others start again`,
    );
  }

  /**
   * Every worker drains as a single node does (ShutdownService.drain), all at once and within the
   * same deadline; the primary exits 0 once every one has exited 0.
   */
  stop(signal: NodeJS.Signals): void {
    if (this.stopping) return;
    this.stopping = true;
    const running = this.running();
    this.log.info(`${signal}: stopping ${running.length} worker${running.length === 1 ? '' : 's'} (at most ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
    for (const slot of this.slots) if (slot.restart) clearTimeout(slot.restart);
    setTimeout(() => {
      const left = this.running();
      this.log.error(`still stopping after ${KILL_AFTER_MS / 1000} s: killing worker${left.length === 1 ? '' : 's'} ${left.map((s) => s.number).join(', ')}`);
      for (const slot of left) slot.worker?.process.kill('SIGKILL');
      process.exit(1);
    }, KILL_AFTER_MS).unref();
    // A signal of its own, not worker.kill(): that would disconnect the worker first, closing its
    // listener before its live connections were sent elsewhere.
    for (const slot of running) slot.worker?.process.kill('SIGTERM');
    this.finishIfAllStopped();
  }

  /** Resolves true once the worker listens, false if it exits first. */
  private fork(slot: Slot): Promise<boolean> {
    const worker = cluster.fork({ KOLOM_WORKER: String(slot.number) });
    slot.worker = worker;
    slot.startedAt = Date.now();
    slot.liveNode = null;
    return new Promise<boolean>((resolve) => {
      worker.on('message', (message: unknown) => {
        if (!isKolomMessage(message)) return;
        const told = message as WorkerMessage;
        if (told.kolom === 'live-node') slot.liveNode = told.nodeId;
        else if (told.kolom === 'ready') {
          this.log.info(`worker ${slot.number} (pid ${worker.process.pid}) is serving`);
          resolve(true);
        }
      });
      worker.once('exit', (code, signal) => {
        resolve(false);
        this.exited(slot, worker, code, signal);
      });
    });
  }

  private exited(slot: Slot, worker: Worker, code: number | null, signal: string | null): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    // Its readers are gone with it: the other workers' viewer counts drop them now.
    if (slot.liveNode) this.tellWorkers({ kolom: 'live-node-gone', nodeId: slot.liveNode });
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (this.stopping) {
      // Killed by the signal before it could handle it (still starting): there was nothing to drain.
      if (code !== 0 && signal !== 'SIGTERM') {
        this.stoppedUncleanly = true;
        this.log.error(`worker ${slot.number} (pid ${worker.process.pid}) ${how} while stopping`);
      }
      this.finishIfAllStopped();
      return;
    }
    // Before the first worker listened, start() reports the failure and the primary exits.
    if (!this.firstReady) return;
    if (Date.now() - slot.startedAt >= STEADY_MS) slot.crashes = 0;
    const delay = Math.min(RESTART_FIRST_MS * 2 ** slot.crashes, RESTART_MAX_MS);
    slot.crashes += 1;
    const served = ((Date.now() - slot.startedAt) / 1000).toFixed(1);
    this.log.error(
      `worker ${slot.number} (pid ${worker.process.pid}) ${how} after ${served} s; the others keep serving; starting a new one in ${delay / 1000} s`,
    );
    slot.restart = setTimeout(() => {
      slot.restart = null;
      void this.fork(slot);
    }, delay);
  }

  private finishIfAllStopped(): void {
    if (this.running().length > 0) return;
    this.log.info(this.stoppedUncleanly ? 'every worker has stopped, not all cleanly' : 'every worker has stopped');
    process.exit(this.stoppedUncleanly ? 1 : 0);
  }

  private running(): Slot[] {
    return this.slots.filter((slot) => slot.worker !== null);
  }

  private tellWorkers(message: PrimaryMessage): void {
    for (const slot of this.running()) if (slot.worker!.isConnected()) slot.worker!.send(message);
  }
}

export async function runPrimary(config: KolomConfig): Promise<void> {
  const pool = new WorkerPool(config);
  process.once('SIGTERM', () => pool.stop('SIGTERM'));
  process.once('SIGINT', () => pool.stop('SIGINT'));
  await pool.start();
  if (config.metrics) {
    // One scrape answers for every worker: counters and histograms summed, each gauge as it says.
    const registry = new AggregatorRegistry();
    (await listenForScrapes(config.metrics, () => registry.clusterMetrics(), registry.contentType)).unref();
  }
}
