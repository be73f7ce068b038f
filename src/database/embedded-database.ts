import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { EmbeddedDatabaseInUseError } from './embedded-database-in-use.js';
import { isProcessAlive } from './is-process-alive.js';

export { EmbeddedDatabaseInUseError };

/**
 * PostgreSQL compiled to WASM (PGlite), served on a loopback port so the app talks to it with the
 * same `pg` driver and SQL as to a real server. PGlite has one session: the app must use a pool of
 * exactly one connection, and only one process may open a data folder at a time (the lock file).
 */
export class EmbeddedDatabase {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    private readonly lockFile: string | null,
  ) {}

  /** `dataDir` null keeps everything in memory (tests). */
  static async start(dataDir: string | null): Promise<EmbeddedDatabase> {
    let lockFile: string | null = null;
    let db: PGlite;
    if (dataDir) {
      const root = resolve(dataDir);
      // PGlite's own mkdir is not recursive.
      mkdirSync(root, { recursive: true });
      lockFile = join(root, 'kolom.lock');
      takeLock(lockFile);
      db = new PGlite(join(root, 'pgdata'));
    } else {
      db = new PGlite();
    }
    try {
      await db.waitReady;
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const [, port] = server.getServerConn().split(':');
      return new EmbeddedDatabase(db, server, `postgres://postgres@127.0.0.1:${port}/postgres`, lockFile);
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  /** Stop order matters: the socket server first (no new queries), then PGlite flushes and closes. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

function takeLock(lockFile: string): void {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(readFileSync(lockFile, 'utf8'));
  if (holder && holder !== process.pid && isProcessAlive(holder)) {
    throw new EmbeddedDatabaseInUseError(
      `The embedded database in ${lockFile.replace(/kolom\.lock$/, '')} is in use by process ${holder} ` +
        '(a running Kolom). Stop it first, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  // A lock left by a process that died: take it over.
  writeFileSync(lockFile, String(process.pid));
}
