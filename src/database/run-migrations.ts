import type { DataSource } from 'typeorm';

/** Any constant: two nodes starting together must not both apply the same migration. */
const MIGRATION_LOCK = 4_240_931;

/** Applies pending migrations and returns the names of those it applied. */
export async function runMigrations(dataSource: DataSource, serialiseAcrossNodes: boolean): Promise<string[]> {
  if (!serialiseAcrossNodes) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
