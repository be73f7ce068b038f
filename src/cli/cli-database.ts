import { DataSource } from 'typeorm';
import type { KolomConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { EmbeddedDatabase } from '../database/embedded-database.js';
import { runMigrations } from '../database/run-migrations.js';

export interface CliDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The database the server would use: DATABASE_URL, or the embedded one in DATA_DIR (which refuses
 * while a running Kolom holds it), or, with `inMemory`, a throw-away embedded one.
 */
export async function openCliDatabase(config: KolomConfig, options: { inMemory?: boolean; migrate?: boolean } = {}): Promise<CliDatabase> {
  const embedded = options.inMemory || !config.databaseUrl ? await EmbeddedDatabase.start(options.inMemory ? null : config.dataDir) : null;
  const target = embedded ? { url: embedded.url, poolSize: 1, embedded: true } : { url: config.databaseUrl!, poolSize: 2, embedded: false };
  try {
    const dataSource = await new DataSource(dataSourceOptions(target)).initialize();
    if (options.migrate !== false) await runMigrations(dataSource, !target.embedded);
    return {
      dataSource,
      close: async () => {
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
