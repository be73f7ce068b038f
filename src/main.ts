import { Logger } from '@nestjs/common';
import { createKolomApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { EmbeddedDatabase, EmbeddedDatabaseInUseError } from './database/embedded-database.js';
import type { DatabaseTarget } from './database/database-target.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await EmbeddedDatabase.start(config.dataDir);
  const database: DatabaseTarget = embedded
    ? { url: embedded.url, poolSize: 1, embedded: true }
    : { url: config.databaseUrl!, poolSize: config.databasePoolSize, embedded: false };

  let app;
  try {
    app = await createKolomApp(config, database);
    await app.listen(config.port, config.host ?? '0.0.0.0');
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const logger = new Logger('Kolom');
  logger.log(
    embedded
      ? `database: embedded PGlite in ${config.dataDir} (set DATABASE_URL to use PostgreSQL)`
      : 'database: PostgreSQL from DATABASE_URL',
  );
  logger.log(`Kolom is listening on ${config.publicUrl} (demo article: ${config.publicUrl}/, API docs: ${config.publicUrl}/docs)`);

  // SIGTERM: stop accepting, let in-flight requests finish, close the pool, then the embedded database.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Before the logger exists the only channel is stderr; say what is wrong in one readable block.
  const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseInUseError;
  process.stderr.write(`Kolom could not start: ${known ? (error as Error).message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

