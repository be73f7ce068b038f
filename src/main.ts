import cluster from 'node:cluster';
import { ConfigError, type KolomConfig, loadConfig } from './config/config.js';
import { EmbeddedDatabaseInUseError } from './database/embedded-database-in-use.js';
import { FirstWorkerFailedError } from './workers/worker-messages.js';

let config: KolomConfig | undefined;

/**
 * One process serving the port, or (KOLOM_WORKERS above 1) a primary that forks that many and keeps
 * them running. Each side loads only its own code: the primary never loads the application, so it
 * holds no database connection and little memory.
 */
async function main(): Promise<void> {
  config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    const { runPrimary } = await import('./workers/primary.js');
    await runPrimary(config);
  } else {
    const { runKolomNode } = await import('./kolom-node.js');
    await runKolomNode(config);
  }
}

main().catch((error: unknown) => {
  // Before the logger exists the only channel is stderr; say what is wrong in one readable block.
  const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseInUseError || error instanceof FirstWorkerFailedError;
  const who = config?.worker === undefined ? '' : ` (worker ${config.worker})`;
  process.stderr.write(`Kolom could not start${who}: ${known ? (error as Error).message : ((error as Error)?.stack ?? String(error))}\n`);
  process.exit(1);
});
