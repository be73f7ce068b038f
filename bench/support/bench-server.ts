/** The built Kolom server as a child process of a benchmark, and the process chores around it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

// Resolved from this file (<outDir>/bench/support/), so the benches run from dist/ and from any
// other --outDir alike.
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = resolve(HERE, '../..');
export const PROJECT_ROOT = resolve(OUT_DIR, '..');
export const SERVER_ENTRY = resolve(OUT_DIR, 'src/main.js');

const FORWARD_LOG_LINES = 20;
const LOG_TAIL_LINES = 50;
/** Counted over the run, not per server: a restarted server mostly says again what the first said. */
let logForwarded = 0;
let logSuppressed = 0;

/** Server log lines seen but not forwarded to the console. */
export function suppressedServerLogLines(): number {
  return logSuppressed;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** `name` is what the console calls the process if it must be killed. */
export async function stopChild(child: ChildProcess, name = `process ${child.pid}`): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  if ((await Promise.race([exited.then(() => 'exited' as const), sleep(10_000, 'timeout' as const)])) === 'timeout' && !hasExited(child)) {
    console.error(`  ${name} did not stop within 10 s of SIGTERM: SIGKILL`);
    child.kill('SIGKILL');
    await exited;
  }
}

export interface KolomServer {
  child: ChildProcess;
  /** Where the bench sends its requests. */
  base: string;
  /** The server's PUBLIC_URL: article URLs on it pass the origin check. */
  origin: string;
  /** Resolves with the milliseconds from the spawn until GET /health answered 200. */
  ready(): Promise<number>;
  /** The last server log lines, for a failure message. */
  logTail(): string;
}

export interface KolomOptions {
  /**
   * The server's PUBLIC_URL; by default http://localhost:<port>. Nodes of one deployment share it,
   * so that the article URLs on it pass the origin check whichever node they reach.
   */
  publicUrl?: string;
  /** More environment for the server, such as REDIS_URL and REDIS_PREFIX for a node of a cluster. */
  env?: Record<string, string>;
}

export function spawnKolom(databaseUrl: string, port: number, options: KolomOptions = {}): KolomServer {
  const base = `http://127.0.0.1:${port}`;
  const origin = options.publicUrl ?? `http://localhost:${port}`;
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // The benchmarks comment on the demo site, which production has only when asked.
      KOLOM_DEMO: '1',
      PUBLIC_URL: origin,
      // Every simulated reader connects from this one machine.
      LIVE_CONNECTIONS_PER_ADDRESS: '0',
      // One process unless the benchmark or its caller (KOLOM_WORKERS=2 npm run bench:…) asks for
      // workers: production would otherwise fork one per CPU.
      KOLOM_WORKERS: process.env.KOLOM_WORKERS ?? '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawnedAt = performance.now();
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > LOG_TAIL_LINES) lines.shift();
      if (logForwarded < FORWARD_LOG_LINES) {
        logForwarded++;
        console.error(`  [server] ${line.length > 400 ? `${line.slice(0, 400)}…` : line}`);
      } else {
        logSuppressed++;
      }
    });
  }
  const logTail = () => lines.join('\n');
  const ready = async (): Promise<number> => {
    while (performance.now() - spawnedAt < 60_000) {
      if (hasExited(child)) {
        throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before /health answered:\n${logTail()}`);
      }
      try {
        const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - spawnedAt;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`GET /health did not answer 200 within 60 s:\n${logTail()}`);
  };
  return { child, base, origin, ready, logTail };
}
