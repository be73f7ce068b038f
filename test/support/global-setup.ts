import pg from 'pg';

/** With DATABASE_URL, fail at once and plainly when the server is not reachable. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    // Databases left by an interrupted run.
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kolom_test_%'`);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } catch (error) {
    throw new Error(`The tests need the PostgreSQL server in DATABASE_URL: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
