import pg from 'pg';

/** Names every test database of this run carries, so a run only ever drops its own or dead ones. */
export const TEST_RUN_VARIABLE = 'KOLOM_TEST_RUN';

/**
 * With DATABASE_URL: fail at once and plainly when the server is not reachable, and drop the
 * databases that runs which have since died left behind. (Workers inherit the run id set here.)
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_RUN_VARIABLE] = String(process.pid);
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'kolom_test_%'`);
    for (const { datname } of rows) {
      const pid = Number(/^kolom_test_(\d+)_/.exec(datname)?.[1]);
      if (!pid || !runIsAlive(pid)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } catch (error) {
    throw new Error(`The tests need the PostgreSQL server in DATABASE_URL: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Inline rather than imported from src: jest loads this file outside the ESM module mapping. */
function runIsAlive(pid: number): boolean {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
