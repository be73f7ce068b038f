import { ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** The built server and CLI, as `npm start` and `npm run kolom` run them. */
export const SERVER_ENTRY = 'dist/src/main.js';
export const CLI_ENTRY = 'dist/src/cli/kolom.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once nothing listens on the port any more (a stopped server's socket is really closed). */
export async function waitRefused(port: number, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = await new Promise<string | undefined>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(undefined)));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    if (code === 'ECONNREFUSED') return;
    if (Date.now() > deadline) throw new Error(`port ${port} still accepts connections after ${what} stopped`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ServerProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Log lines are written after the response is sent: wait for one to arrive. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function environment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  // The child chooses its database from `env` alone.
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  delete base.JEST_WORKER_ID;
  // Production, as a deployment runs, as one process unless a test asks for workers (production on
  // PostgreSQL would otherwise fork one per CPU); with the demo site, which most tests comment on. A
  // test that runs as a newsroom deploys passes KOLOM_DEMO: undefined.
  return { ...base, NODE_ENV: 'production', LOG_LEVEL: 'info', KOLOM_DEMO: '1', KOLOM_WORKERS: '1', ...env };
}

export async function startServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: environment({ PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    baseUrl,
    child,
    exited,
    output: () => output,
    async waitHealthy(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
        const ok = await fetch(`${baseUrl}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no /health within ${timeoutMs} ms:\n${output}`);
    },
    async waitForOutput(text, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (Date.now() > deadline) throw new Error(`"${text}" not in the output within ${timeoutMs} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return runNode([CLI_ENTRY, ...args], env);
}

export function runNode(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: environment(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
