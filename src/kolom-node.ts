import { Logger } from '@nestjs/common';
import { createKolomApp } from './app.js';
import type { KolomConfig } from './config/config.js';
import { EmbeddedDatabase } from './database/embedded-database.js';
import type { DatabaseTarget } from './database/database-target.js';
import { SHUTDOWN_DEADLINE_MS } from './shutdown/shutdown-deadline.js';
import { ShutdownService } from './shutdown/shutdown.service.js';
import { tellPrimary } from './workers/worker-messages.js';

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

/**
 * One Kolom node: the whole application on its database, listening on the port, until a signal.
 * The only process with KOLOM_WORKERS=1 (and always on the embedded database), else each worker.
 */
export async function runKolomNode(config: KolomConfig): Promise<void> {
  keepServingOnStrayErrors(new Logger('Process'));
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
  if (config.worker === undefined || config.worker === 1) {
    logger.log(embedded ? `database: embedded PGlite in ${config.dataDir} (set DATABASE_URL to use PostgreSQL)` : 'database: PostgreSQL from DATABASE_URL');
    logger.log(
      `Kolom is listening on ${config.publicUrl} (${config.demo ? 'demo article' : 'home page'}: ${config.publicUrl}/, API docs: ${config.publicUrl}/docs)`,
    );
  }

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
  tellPrimary({ kolom: 'ready' });
}
