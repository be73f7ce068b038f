import { Logger } from '@nestjs/common';
import { createKolomApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { EmbeddedDatabase, EmbeddedDatabaseInUseError } from './database/embedded-database.js';
import type { DatabaseTarget } from './database/database-target.js';
import { ShutdownService } from './shutdown/shutdown.service.js';

/** Under docker-compose's stop_grace_period (20 s), which SIGKILLs after it. */
const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * The last resort, not the fix: every known source of errors (Redis, PostgreSQL, sockets) is
 * handled where it arises. Anything that still escapes is a bug to log and fix, and a bug in one
 * corner must not drop every reader's live connection, so the process keeps serving. Only the
 * error's name, message and stack are logged: a driver error's other fields can hold a
 * query's parameters (emails, addresses).
 */
function keepServingOnStrayErrors(logger: Logger): void {
  const describe = (error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { err: { name: failure.name, message: failure.message, stack: failure.stack } };
  };
  process.on('unhandledRejection', (reason) => logger.error(describe(reason), 'a promise was rejected and nothing handled it (a bug); still serving'));
  process.on('uncaughtException', (error) => logger.error(describe(error), 'an error was thrown and nothing caught it (a bug); still serving'));
}

async function main(): Promise<void> {
  keepServingOnStrayErrors(new Logger('Process'));
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
  logger.log(embedded ? `database: embedded PGlite in ${config.dataDir} (set DATABASE_URL to use PostgreSQL)` : 'database: PostgreSQL from DATABASE_URL');
  logger.log(
    `Kolom is listening on ${config.publicUrl} (${config.demo ? 'demo article' : 'home page'}: ${config.publicUrl}/, API docs: ${config.publicUrl}/docs)`,
  );

  // SIGTERM: leave as ShutdownService.drain says (live connections sent elsewhere, in-flight
  // requests finished), then close the pool and the embedded database. Stuck beyond the deadline:
  // exit anyway.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down (at most ${SHUTDOWN_DEADLINE_MS / 1000} s)`);
    setTimeout(() => {
      logger.error(`still shutting down after ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.get(ShutdownService).drain();
    await app.close();
    await embedded?.stop();
    logger.log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Before the logger exists the only channel is stderr; say what is wrong in one readable block.
  const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseInUseError;
  process.stderr.write(`Kolom could not start: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
});
