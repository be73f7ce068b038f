import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedDatabase } from '../../src/database/embedded-database.js';
import type { DatabaseTarget } from '../../src/database/database-target.js';
import { TEST_RUN_VARIABLE } from './global-setup.js';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/**
 * A database of its own for each test file, so jest workers run in parallel without sharing rows:
 * a fresh database on the PostgreSQL server in DATABASE_URL, or else an in-memory embedded one.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await EmbeddedDatabase.start(null);
    return { target: { url: embedded.url, poolSize: 1, embedded: true }, drop: () => embedded.stop() };
  }
  const name = `kolom_test_${process.env[TEST_RUN_VARIABLE] ?? process.pid}_${process.env.JEST_WORKER_ID ?? 0}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { url: url.toString(), poolSize: 5, embedded: false },
    drop: () => withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Where a spawned CLI keeps its data, as an operator's would: a fresh database on DATABASE_URL's
 * server, or else an embedded one in `folder` (an in-process PGlite serves one connection, so the
 * CLI keeps its own). `drop` removes the database; the folder is the caller's.
 */
export async function cliDatabase(folder: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) return { env: { DATA_DIR: join(folder, 'data') }, drop: () => Promise.resolve() };
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.target.url }, drop: () => database.drop() };
}
