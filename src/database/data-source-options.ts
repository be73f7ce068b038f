import { Logger } from '@nestjs/common';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations.js';
import { ENTITIES } from './entities.js';
import type { DatabaseTarget } from './database-target.js';

/** How long a request waits for a new connection to PostgreSQL before it is answered 503. */
const CONNECT_TIMEOUT_MS = 3_000;

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
    // PostgreSQL down or restarting: a request fails within seconds (503) instead of waiting on the
    // pool. (The embedded database cannot go away, and its single connection may be busy a while.)
    ...(target.embedded ? {} : { connectTimeoutMS: CONNECT_TIMEOUT_MS }),
    // An idle pooled connection cut by a restart is dropped by the pool and replaced on demand.
    poolErrorHandler: (error: Error) => new Logger('Database').warn(`a pooled connection closed: ${error.message}`),
    // The embedded database has a single session: more than one connection would interleave transactions.
    // keepAlive: a connection whose server vanished without closing it (a network cut, not a
    // restart) is found dead by TCP rather than waited on forever.
    // plan_cache_mode: named statements (named-statements.ts) planned for their values each time;
    // a generic plan cannot drop the branches a post's values rule out, and cost more.
    extra: {
      max: target.embedded ? 1 : target.poolSize,
      application_name: 'kolom',
      keepAlive: true,
      ...(target.embedded ? {} : { options: '-c plan_cache_mode=force_custom_plan' }),
    },
  };
}
