import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations.js';
import { ENTITIES } from './entities.js';
import type { DatabaseTarget } from './database-target.js';

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // The schema changes only through committed migrations, run at start-up.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    logging: false,
    // The embedded database has a single session: more than one connection would interleave transactions.
    extra: { max: target.embedded ? 1 : target.poolSize, application_name: 'kolom' },
  };
}
