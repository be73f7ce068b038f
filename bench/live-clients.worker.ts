/**
 * A child process of bench/live.bench.ts holding many real socket.io-client connections. The
 * driver forks several of these so that parsing thousands of deliveries is spread over processes,
 * as it is over browsers in real life. It stamps every `comment.created` on arrival and keeps the
 * stamps here; the driver gets them once per phase, as typed arrays, rather than one IPC message
 * per delivery, which at 5,000 sockets would cost more than the deliveries themselves.
 */
import { io, type Socket } from 'socket.io-client';
import { performance } from 'node:perf_hooks';
import { wallClockMs, type DriverMessage, type JoinAck, type PhaseReport, type WorkerMessage } from './live/protocol.js';

interface Viewer {
  socket: Socket;
  /** Comment ids received in the current phase. */
  seen: Set<number>;
  disconnectReason: string | null;
}

const viewers: Viewer[] = [];
let phaseActive = false;
let receivedIds: number[] = [];
let receivedAt: number[] = [];
let duplicates = 0;
let otherEvents: Record<string, number> = {};
let payloadBytes = 0;
let reportedProgress = 0;
let phaseCpu = process.cpuUsage();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function onEvent(viewer: Viewer, event: string, payload: unknown): void {
  // Stamp first: everything after this line is the client's own work, not delivery latency.
  const now = wallClockMs();
  if (!phaseActive) return;
  if (event !== 'comment.created') {
    otherEvents[event] = (otherEvents[event] ?? 0) + 1;
    return;
  }
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== 'number') {
    otherEvents['comment.created without a numeric id'] = (otherEvents['comment.created without a numeric id'] ?? 0) + 1;
    return;
  }
  if (viewer.seen.has(id)) duplicates++;
  viewer.seen.add(id);
  receivedIds.push(id);
  receivedAt.push(now);
  if (payloadBytes === 0) payloadBytes = Buffer.byteLength(JSON.stringify(payload));
}

function openViewer(base: string, join: Record<string, unknown>, timeoutMs: number): Promise<{ viewer: Viewer; ack: JoinAck }> {
  return new Promise((resolve, reject) => {
    // forceNew: io() otherwise multiplexes every call for one URL over a single connection.
    const socket = io(base, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs });
    const viewer: Viewer = { socket, seen: new Set(), disconnectReason: null };
    // Listen before connecting, so that nothing sent right after the join is lost.
    socket.onAny((event: string, payload: unknown) => onEvent(viewer, event, payload));
    socket.on('disconnect', (reason) => {
      viewer.disconnectReason = reason;
    });
    const fail = (reason: string) => {
      socket.disconnect();
      reject(new Error(reason));
    };
    socket.once('connect_error', (error) => fail(`connect_error: ${error.message}`));
    socket.once('connect', () => {
      socket.timeout(timeoutMs).emit('join', join, (error: Error | null, ack: JoinAck | undefined) => {
        if (error) return fail(`join: no ack within ${timeoutMs} ms`);
        if (!ack || ack.error) return fail(`join refused: ${ack?.error?.status ?? '?'} ${ack?.error?.message ?? JSON.stringify(ack)}`);
        resolve({ viewer, ack });
      });
    });
  });
}

async function connect(command: Extract<DriverMessage, { type: 'connect' }>): Promise<void> {
  const started = performance.now();
  const joinMs: number[] = [];
  const failures: Record<string, number> = {};
  let lastAck: JoinAck | null = null;
  let next = 0;
  // A sliding window rather than batches: a steady trickle of handshakes, never a burst of `count`.
  const lane = async () => {
    while (next < command.count) {
      next++;
      const t0 = performance.now();
      try {
        const { viewer, ack } = await openViewer(command.base, command.join, command.timeoutMs);
        joinMs.push(performance.now() - t0);
        viewers.push(viewer);
        lastAck = ack;
      } catch (error) {
        const reason = (error as Error).message;
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(command.inFlight, command.count)) }, lane));
  send({
    type: 'connected',
    ok: joinMs.length,
    failed: command.count - joinMs.length,
    failures,
    joinMs: Float64Array.from(joinMs),
    lastAck,
    seconds: (performance.now() - started) / 1_000,
  });
}

function startPhase(): void {
  receivedIds = [];
  receivedAt = [];
  duplicates = 0;
  otherEvents = {};
  payloadBytes = 0;
  reportedProgress = 0;
  for (const viewer of viewers) viewer.seen = new Set();
  phaseCpu = process.cpuUsage();
  phaseActive = true;
  send({ type: 'phase-started' });
}

function collect(postStarts: Map<number, number>): void {
  phaseActive = false;
  const cpu = process.cpuUsage(phaseCpu);
  const latencies: number[] = [];
  let unexpected = 0;
  let firstReceipt = Infinity;
  let lastReceipt = -Infinity;
  for (let i = 0; i < receivedIds.length; i++) {
    const start = postStarts.get(receivedIds[i]);
    if (start === undefined) {
      unexpected++;
      continue;
    }
    const at = receivedAt[i];
    latencies.push(at - start);
    if (at < firstReceipt) firstReceipt = at;
    if (at > lastReceipt) lastReceipt = at;
  }
  let missing = 0;
  let socketsMissing = 0;
  const disconnected: Record<string, number> = {};
  for (const viewer of viewers) {
    let missed = 0;
    for (const id of postStarts.keys()) if (!viewer.seen.has(id)) missed++;
    missing += missed;
    if (missed > 0) socketsMissing++;
    if (viewer.disconnectReason !== null) disconnected[viewer.disconnectReason] = (disconnected[viewer.disconnectReason] ?? 0) + 1;
  }
  const report: PhaseReport = {
    type: 'collected',
    latencies: Float64Array.from(latencies),
    firstReceipt,
    lastReceipt,
    missing,
    socketsMissing,
    duplicates,
    unexpected,
    otherEvents,
    payloadBytes,
    disconnected,
    cpuMs: (cpu.user + cpu.system) / 1_000,
  };
  send(report);
}

async function disconnectAll(): Promise<void> {
  for (const viewer of viewers) viewer.socket.disconnect();
  viewers.length = 0;
  // Let the close frames leave before the driver starts the next server.
  await new Promise((resolve) => setTimeout(resolve, 200));
  send({ type: 'disconnected' });
}

// The driver waits for the whole fleet between its steps; progress lets it stop waiting as soon
// as the last delivery is in instead of sleeping through a fixed grace period.
setInterval(() => {
  if (phaseActive && receivedIds.length !== reportedProgress) {
    reportedProgress = receivedIds.length;
    send({ type: 'progress', received: reportedProgress });
  }
}, 50).unref();

process.on('message', (message: DriverMessage) => {
  const run = async () => {
    switch (message.type) {
      case 'connect':
        return connect(message);
      case 'phase':
        return startPhase();
      case 'collect':
        return collect(message.postStarts);
      case 'disconnect':
        return disconnectAll();
    }
  };
  run().catch((error: unknown) => send({ type: 'failed', message: (error as Error)?.stack ?? String(error) }));
});

// The driver is gone (crash, Ctrl-C): nothing is left to report to, and open sockets keep us alive.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => undefined); // the driver decides when we stop
send({ type: 'ready' });
