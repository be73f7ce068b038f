import cluster from 'node:cluster';

/**
 * What a worker and its primary tell each other over the cluster's IPC channel, beside the
 * socket.io cluster adapter's own messages (which carry `source: '_sio_adapter'` and never `kolom`).
 */
export type WorkerMessage =
  /** The worker listens: the primary starts the next ones only after the first has said so. */
  | { kolom: 'ready' }
  /** The id this worker's presence goes by (ClusterBus.nodeId), so its viewers can be dropped when it dies. */
  | { kolom: 'live-node'; nodeId: string };

export type PrimaryMessage =
  /** A worker died: its viewers are gone now, not after the presence heartbeat's timeout. */
  { kolom: 'live-node-gone'; nodeId: string };

/** The first worker exited before it listened: it has already said why, and the primary exits 1. */
export class FirstWorkerFailedError extends Error {
  constructor() {
    super('the first worker stopped before it listened (its message is above)');
    this.name = 'FirstWorkerFailedError';
  }
}

/** True in a process forked by Kolom's primary (KOLOM_WORKERS above 1). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

export function tellPrimary(message: WorkerMessage): void {
  if (cluster.isWorker) process.send?.(message);
}

/** Calls `heard` with each message the primary sends this worker; returns how to stop listening. */
export function onPrimaryMessage(heard: (message: PrimaryMessage) => void): () => void {
  const listener = (message: unknown) => {
    if (isKolomMessage(message)) heard(message as PrimaryMessage);
  };
  process.on('message', listener);
  return () => process.off('message', listener);
}

export function isKolomMessage(message: unknown): message is { kolom: string } {
  return typeof message === 'object' && message !== null && typeof (message as { kolom?: unknown }).kolom === 'string';
}
