#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { EmbeddedDatabaseInUseError } from '../database/embedded-database.js';
import { runMigrations } from '../database/run-migrations.js';
import { Site } from '../sites/site.entity.js';
import { SiteInputError, SitesService } from '../sites/sites.service.js';
import { openCliDatabase } from './cli-database.js';
import { generateMigration } from './generate-migration.js';

const USAGE = `Usage: npm run kolom -- <command> [options]

Commands:
  site:create --slug SLUG --origin ORIGIN [--origin ORIGIN …] [--name NAME]
                         add a news site whose pages (on the given origins) may show comments
  site:list              list the sites
  migration:run          apply pending database migrations (the server also does this at start)
  migration:generate NAME
                         write migrations/<time>-NAME.ts from the entities' difference to the schema

The database is DATABASE_URL's, or the embedded one in DATA_DIR (default ./data).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      origin: { type: 'string', multiple: true },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();

  switch (command) {
    case 'site:create': {
      if (!values.slug || !values.origin?.length) {
        console.error('site:create needs --slug and at least one --origin.\n');
        console.error(USAGE);
        return 1;
      }
      const db = await openCliDatabase(config);
      try {
        const site = await new SitesService(db.dataSource.getRepository(Site)).create({
          slug: values.slug,
          name: values.name,
          origins: values.origin,
        });
        console.log(`Created site "${site.slug}" (${site.name}) for ${site.allowedOrigins.join(', ')}.`);
        console.log(`Embed: <div id="kolom-thread"></div><script src="${config.publicUrl}/embed.js" data-site="${site.slug}" async></script>`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'site:list': {
      const db = await openCliDatabase(config);
      try {
        const sites = await new SitesService(db.dataSource.getRepository(Site)).list();
        if (sites.length === 0) console.log('No sites yet: npm run kolom -- site:create --slug SLUG --origin https://news.example.com');
        for (const site of sites) {
          console.log(`${site.slug}\t${site.name}\t${site.allowedOrigins.join(' ')}\tcreated ${site.createdAt.toISOString()}`);
        }
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'migration:run': {
      const db = await openCliDatabase(config, { migrate: false });
      try {
        const applied = await runMigrations(db.dataSource, !!config.databaseUrl);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'migration:generate': {
      const name = rest[0];
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        console.error('migration:generate needs a name in letters and digits, e.g. AddFlags');
        return 1;
      }
      // A throw-away embedded database with every committed migration applied is the baseline.
      const db = await openCliDatabase(config, { inMemory: true });
      try {
        const file = await generateMigration(db.dataSource, name, 'migrations');
        console.log(file ? `Wrote ${file}: review it, then list it in src/database/migrations.ts.` : 'The entities match the migrations: nothing to generate.');
      } finally {
        await db.close();
      }
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n`);
      console.error(USAGE);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseInUseError || error instanceof SiteInputError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(known || (error as { status?: number })?.status ? message : (error as Error)?.stack ?? message);
    process.exit(1);
  },
);
