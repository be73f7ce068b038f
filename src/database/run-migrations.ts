import type { DataSource } from 'typeorm';

/** Any constant: two nodes starting together must not both apply the same migration. */
const MIGRATION_LOCK = 4_240_931;

/** Applies pending migrations and returns the names of those it applied. */
export async function runMigrations(dataSource: DataSource, serialiseAcrossNodes: boolean): Promise<string[]> {
  return underMigrationLock(dataSource, serialiseAcrossNodes, async () => (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name));
}

/** Undoes the newest applied migration (a rollback to the previous release); answers whether there was one. */
export async function revertLastMigration(dataSource: DataSource, serialiseAcrossNodes: boolean): Promise<boolean> {
  return underMigrationLock(dataSource, serialiseAcrossNodes, async () => {
    const [{ applied }] = await dataSource.query(`SELECT count(*)::int AS applied FROM migrations`);
    if (applied === 0) return false;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return true;
  });
}

async function underMigrationLock<T>(dataSource: DataSource, serialiseAcrossNodes: boolean, work: () => Promise<T>): Promise<T> {
  if (!serialiseAcrossNodes) return work();
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
