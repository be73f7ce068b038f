/**
 * A moderator at work, from the outside: an admin account made with the `kolom` CLI, signed in over
 * HTTP, a /moderation live connection, a reader following the article, and bulk actions timed from
 * the request to each of their effects.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { PROJECT_ROOT, SERVER_ENTRY } from '../support/bench-server.js';

export const CLI_ENTRY = resolve(dirname(SERVER_ENTRY), 'cli/kolom.js');
const CONNECT_TIMEOUT_MS = 10_000;

/** `npm run kolom -- moderator:create` as an operator would run it; answers the password it set. */
export async function createAdmin(databaseUrl: string, email: string): Promise<string> {
  // In the --password=… form: a base64url password may start with a dash.
  const password = randomBytes(18).toString('base64url');
  const child = spawn(process.execPath, [CLI_ENTRY, 'moderator:create', '--email', email, '--role', 'admin', `--password=${password}`], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`kolom moderator:create exited with ${code}:\n${output}`);
  return password;
}

/** POST /api/v1/moderation/login: the whole answer (token, expiry, the moderator). */
export async function signInAnswer<T extends { token: string }>(base: string, email: string, password: string): Promise<T> {
  const response = await fetch(`${base}/api/v1/moderation/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function signIn(base: string, email: string, password: string): Promise<string> {
  return (await signInAnswer(base, email, password)).token;
}

function connected(socket: Socket, what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not connected within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${what}: ${error.message}`));
    });
  });
}

/** A reader's page: connected to the default namespace and joined to the article by id. */
export async function openReader(base: string, articleId: number): Promise<Socket> {
  const socket = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
  await connected(socket, 'reader');
  const ack = (await socket.timeout(CONNECT_TIMEOUT_MS).emitWithAck('join', { articleId })) as { error?: { message: string }; articleId?: number };
  if (ack.error || ack.articleId !== articleId) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return socket;
}

/** A moderator's live view: /moderation with the bearer token in the handshake. */
export async function openModerator(base: string, token: string): Promise<Socket> {
  const socket = io(`${base}/moderation`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
  await connected(socket, 'moderator');
  return socket;
}

export interface BulkRound {
  /** Milliseconds from the request leaving to: the HTTP answer read, */
  answerMs: number;
  /** the reader's first and last of the comment.removed events for these ids, */
  firstRemovedMs: number;
  allRemovedMs: number;
  /** the moderator's queue.updated naming them. */
  queueUpdatedMs: number;
  changed: number;
  removedEvents: number;
  duplicateRemovals: number;
  queueChanges: number;
}

/**
 * The reader's and the moderator's sockets stay open across rounds; each round listens for the
 * events naming its own ids only.
 */
export class BulkStopwatch {
  private round: {
    ids: Set<number>;
    started: number;
    seen: Set<number>;
    duplicates: number;
    firstRemoved: number;
    allRemoved: number;
    queueUpdated: number;
    queueChanges: number;
    done: () => void;
  } | null = null;

  constructor(
    private readonly base: string,
    private readonly token: string,
    reader: Socket,
    moderator: Socket,
  ) {
    reader.on('comment.removed', (removal: { id: number }) => {
      const now = performance.now();
      const round = this.round;
      if (!round || !round.ids.has(removal.id)) return;
      if (round.seen.has(removal.id)) round.duplicates++;
      round.seen.add(removal.id);
      if (round.seen.size === 1) round.firstRemoved = now;
      if (round.seen.size === round.ids.size && !round.allRemoved) {
        round.allRemoved = now;
        this.settle();
      }
    });
    moderator.on('queue.updated', (update: { changes: Array<{ id: number }> }) => {
      const now = performance.now();
      const round = this.round;
      if (!round || !update.changes.some((change) => round.ids.has(change.id))) return;
      round.queueChanges += update.changes.filter((change) => round.ids.has(change.id)).length;
      if (round.queueChanges === round.ids.size) {
        round.queueUpdated = now;
        this.settle();
      }
    });
  }

  private settle(): void {
    if (this.round && this.round.allRemoved && this.round.queueUpdated) this.round.done();
  }

  async run(ids: number[], action: string, timeoutMs: number): Promise<BulkRound> {
    let done!: () => void;
    const finished = new Promise<void>((resolvePromise) => (done = resolvePromise));
    const round = (this.round = {
      ids: new Set(ids),
      started: performance.now(),
      seen: new Set<number>(),
      duplicates: 0,
      firstRemoved: 0,
      allRemoved: 0,
      queueUpdated: 0,
      queueChanges: 0,
      done,
    });
    const response = await fetch(`${this.base}/api/v1/moderation/comments/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids, action }),
    });
    const text = await response.text();
    const answered = performance.now();
    if (response.status !== 200) throw new Error(`bulk ${action} answered ${response.status}: ${text.slice(0, 300)}`);
    const changed = (JSON.parse(text) as { changed: unknown[] }).changed.length;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<void>((resolvePromise) => (timer = setTimeout(resolvePromise, timeoutMs)))]);
    clearTimeout(timer);
    this.round = null;
    const since = (at: number) => (at ? at - round.started : NaN);
    return {
      answerMs: answered - round.started,
      firstRemovedMs: since(round.firstRemoved),
      allRemovedMs: since(round.allRemoved),
      queueUpdatedMs: since(round.queueUpdated),
      changed,
      removedEvents: round.seen.size,
      duplicateRemovals: round.duplicates,
      queueChanges: round.queueChanges,
    };
  }
}
