/**
 * The live benchmark's processes: the servers under test (Kolom, the bare socket.io baseline) and a
 * register of every child, servers and client workers alike, so that whatever happens (error,
 * Ctrl-C) bench/live.bench.ts can stop them all.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT, SERVER_ENTRY, spawnKolom, stopChild, type KolomOptions } from '../support/bench-server.js';
import { fmt } from '../support/report.js';
import type { JoinTarget } from './fleet.js';
import { cpuMs } from './resource-usage.js';

// Resolved from this file, so the bench runs from dist/ and from any other --outDir alike.
const BARE_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../live-bare-server.js');

/** The article every viewer joins and every comment is posted to, on a server's PUBLIC_URL. */
const ARTICLE_PATH = '/news/bench-live';

// ---------------------------------------------------------------------------------------------
// Clean-up register

const children = new Set<ChildProcess>();

/** Registers a child so that stopAllProcesses() stops it. */
export function track(child: ChildProcess): void {
  children.add(child);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  children.delete(child);
  await stopChild(child);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...children].map((child) => stopProcess(child)));
}

// ---------------------------------------------------------------------------------------------
// The servers under test, each a separate process

/** `articleUrl` is the article every viewer joins and every comment is posted to. */
export interface LiveServer extends JoinTarget {
  /** Goes into every comment body the bench posts to it: Kolom refuses a comment it already has. */
  tag: string;
  /** The process whose memory is read. */
  pid: number;
  child: ChildProcess;
  /** CPU time of the server's process(es) so far, in ms: a server of two nodes counts both. */
  cpuTimeMs: () => number;
  /** Server log lines kept for a failure message. */
  logTail: () => string;
}

/** `options` as spawnKolom takes them; `label` names the server in the report and in errors. */
export async function startKolom(databaseUrl: string, port: number, options: KolomOptions & { label?: string } = {}): Promise<LiveServer> {
  const kolom = spawnKolom(databaseUrl, port, options);
  track(kolom.child);
  const readyMs = await kolom.ready();
  const label = options.label ?? 'Kolom';
  const pid = kolom.child.pid!;
  console.log(
    `  ${label === 'Kolom' ? '' : `${label}: `}node ${relative(PROJECT_ROOT, SERVER_ENTRY)} on ${kolom.base} (PUBLIC_URL ${kolom.origin}): /health = 200 after ${fmt(readyMs)} ms`,
  );
  return {
    label,
    tag: 'k',
    base: kolom.base,
    articleUrl: `${kolom.origin}${ARTICLE_PATH}`,
    pid,
    child: kolom.child,
    cpuTimeMs: () => cpuMs(pid),
    logTail: kolom.logTail,
  };
}

export async function startBare(): Promise<LiveServer> {
  const child = fork(BARE_ENTRY, [], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  track(child);
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(() => {
      throw new Error('the bare socket.io server exited before listening');
    }),
  ])) as [{ type: string; port: number }];
  const base = `http://127.0.0.1:${message.port}`;
  console.log(`  node ${relative(PROJECT_ROOT, BARE_ENTRY)} on ${base}: plain socket.io ${socketIoVersion()}, in-memory adapter, default options`);
  const pid = child.pid!;
  return {
    label: 'bare socket.io',
    tag: 'b',
    base,
    articleUrl: `http://localhost:${message.port}${ARTICLE_PATH}`,
    pid,
    child,
    cpuTimeMs: () => cpuMs(pid),
    logTail: () => '',
  };
}

function socketIoVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'node_modules/socket.io/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}
