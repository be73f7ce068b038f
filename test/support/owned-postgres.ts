import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, waitRefused } from './server-process.js';

/**
 * A throw-away PostgreSQL 15 cluster a fault-injection test owns and may stop and start under a
 * running Kolom. Never the shared server on 5432.
 *
 * Measured on this machine (2 vCPU, Debian 12, PostgreSQL 15): initdb + first start 0.85–1.05 s,
 * stop('fast') 35 ms, stop('immediate') 10 ms, start() 125–210 ms (after an immediate stop too:
 * crash recovery of a small cluster is quick), restart() 160 ms, dispose() 60–80 ms. Cheap enough
 * for one cluster per test file in beforeAll.
 */
export interface OwnedPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth, no password) */
  url: string;
  port: number;
  /** The cluster's temp directory (data/ and the unix socket directory sock/). */
  dir: string;
  /** As `pg_ctl stop -m fast|immediate`; resolves once the port refuses connections. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Same data directory, same port; resolves once it accepts connections. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stop if running, then remove the temp directory; safe to call more than once. */
  dispose(): Promise<void>;
}

/** Debian's layout: the newest installed server's programs (CI and this machine have 15). */
const BIN = `/usr/lib/postgresql/${newestInstalled('/usr/lib/postgresql')}/bin`;
const DIR_PREFIX = 'kolom-pg-';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
/** pg_ctl's own signals: smart would wait for Kolom's pool to disconnect, which it never does. */
const STOP_SIGNALS = { fast: 'SIGINT', immediate: 'SIGQUIT' } as const;

/**
 * initdb and postgres refuse to run as root: setpriv switches to the postgres user and then execs
 * the program itself (runuser would stay in between as its parent). --pdeathsig QUIT, set after the
 * switch, makes the kernel signal the postmaster if this process dies without cleaning up (even by
 * SIGKILL). SIGQUIT rather than SIGKILL: it is an immediate shutdown, so the postmaster still ends
 * its backends and removes its SysV shared memory segment, which a SIGKILL leaks. A normal exit
 * sends the same signal from the 'exit' hook; the temp directory of a run that could not remove it
 * is removed by the next run (removeDeadRunsDirectories).
 */
const AS_ROOT = process.getuid?.() === 0;
const AS_POSTGRES = [...(AS_ROOT ? ['--reuid=postgres', '--regid=postgres', '--init-groups'] : []), '--pdeathsig', 'QUIT', '--'];

const running = new Map<ChildProcess, string>();
process.once('exit', () => {
  for (const [child, dir] of running) {
    child.kill('SIGQUIT');
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // The postmaster is still shutting down: what this cannot remove, the next run's sweep does.
    }
  }
});

export async function startOwnedPostgres(): Promise<OwnedPostgres> {
  removeDeadRunsDirectories();
  // The owner's pid in the name lets a later run remove what a killed one left behind.
  const dir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'sock');
  mkdirSync(socketDir);
  // Run by a user other than root, the cluster is that user's, and nothing needs to change hands.
  if (AS_ROOT) {
    chownSync(dir, ...postgresIds());
    chownSync(socketDir, ...postgresIds());
  }

  // --no-sync and fsync=off: nothing here has to survive a machine crash, only a server stop.
  const initdb = await run('setpriv', [
    ...AS_POSTGRES,
    `${BIN}/initdb`,
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-instructions',
  ]);
  if (initdb.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${initdb.code}): ${initdb.output.trim()}`);
  }

  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let disposed = false;

  async function start(): Promise<void> {
    if (disposed) throw new Error(`owned PostgreSQL on port ${port} was disposed`);
    if (child) return;
    // fsync off: a stopped or killed server keeps every commit (it is in the OS page cache), only a
    // machine crash would lose it. synchronous_commit stays on: off would let stop('immediate') lose
    // acknowledged commits, which a fault test would wrongly blame on Kolom.
    const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'full_page_writes=off', 'shared_buffers=16MB'];
    const server = spawn(
      'setpriv',
      [...AS_POSTGRES, `${BIN}/postgres`, '-D', dataDir, '-p', String(port), '-k', socketDir, ...settings.flatMap((s) => ['-c', s])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    // Keep the tail only: a long test's log lines are not needed, the last ones explain a failure.
    const keep = (chunk: Buffer) => (output = (output + chunk).slice(-8_000));
    server.stdout!.on('data', keep);
    server.stderr!.on('data', keep);
    server.once('error', (error) => (output += `\n${error.message}`));
    running.set(server, dir);
    server.once('exit', () => running.delete(server));
    child = server;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await acceptsConnections(url))) {
      if (server.exitCode !== null || server.signalCode !== null || Date.now() > deadline) {
        server.kill('SIGQUIT');
        child = null;
        throw new Error(
          `PostgreSQL on port ${port} did not accept connections (exit ${server.exitCode ?? server.signalCode ?? 'none, timed out'}): ${output.trim()}`,
        );
      }
      await sleep(25);
    }
  }

  async function stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    const server = child;
    if (!server) return;
    child = null;
    const exited = new Promise<void>((resolve) => (server.exitCode !== null || server.signalCode !== null ? resolve() : server.once('exit', () => resolve())));
    // The postmaster is our child, so signal it as pg_ctl would, and its exit is the sign that
    // every backend (and so every client connection) is gone.
    server.kill(STOP_SIGNALS[mode]);
    const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    await waitRefused(port, 'PostgreSQL', STOP_TIMEOUT_MS);
  }

  let disposing: Promise<void> | null = null;
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    dir,
    stop,
    start,
    restart: async () => {
      await stop('fast');
      await start();
    },
    dispose: () =>
      (disposing ??= (async () => {
        disposed = true;
        await stop('fast');
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

async function acceptsConnections(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false; // refused, or "the database system is starting up"
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Directories of runs killed outright (their postmaster was shut down with them by pdeathsig). */
function removeDeadRunsDirectories(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let ids: [number, number] | null = null;
/** uid and gid of the postgres OS user, which owns the cluster's files. */
function postgresIds(): [number, number] {
  if (ids) return ids;
  const result = /^postgres:[^:]*:(\d+):(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'));
  if (!result) throw new Error('no postgres OS user in /etc/passwd: install the PostgreSQL 15 server package');
  return (ids = [Number(result[1]), Number(result[2])]);
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ code: null, output: `${command}: ${error.message}` }));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newestInstalled(root: string): string {
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((x, y) => Number(y) - Number(x));
  if (versions.length === 0) throw new Error(`no PostgreSQL server programs in ${root} (Debian's postgresql package)`);
  return versions[0];
}
