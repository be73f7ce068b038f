/**
 * The throw-away database a benchmark runs on: kolom_bench_<random>, created and dropped on the
 * PostgreSQL that BENCH_DATABASE_URL (else DATABASE_URL, else the local one) names.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export class BenchDatabase {
  readonly adminUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  /** Set the moment the database exists, so that a clean-up from then on drops it. */
  name: string | null = null;

  /** `inspect` reads whatever else the report wants from the admin connection before the database is made. */
  async create(inspect?: (admin: pg.Client) => Promise<void>): Promise<{ url: string; pgVersion: string }> {
    const admin = new pg.Client({ connectionString: this.adminUrl, application_name: 'kolom-bench' });
    await admin.connect();
    try {
      const pgVersion = (await admin.query<{ version: string }>('SELECT version()')).rows[0].version;
      await inspect?.(admin);
      const name = `kolom_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      this.name = name;
      return { url: withDatabase(this.adminUrl, name), pgVersion };
    } finally {
      await admin.end();
    }
  }

  /** Never throws: it runs on the way out, where a failure can only be reported. */
  async drop(): Promise<void> {
    if (!this.name) return;
    const admin = new pg.Client({ connectionString: this.adminUrl });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(this.name)} WITH (FORCE)`);
    } catch (error) {
      console.error(`could not drop the bench database ${this.name}: ${(error as Error).message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
}

export function openPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'kolom-bench' });
  pool.on('error', () => undefined); // idle clients killed by DROP … WITH (FORCE)
  return pool;
}
