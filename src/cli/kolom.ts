#!/usr/bin/env node
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { EmbeddedDatabaseInUseError } from '../database/embedded-database.js';
import { revertLastMigration, runMigrations } from '../database/run-migrations.js';
import { Site } from '../sites/site.entity.js';
import { SiteInputError, SitesService } from '../sites/sites.service.js';
import { openCliDatabase } from './cli-database.js';
import { generateMigration } from './generate-migration.js';
import { HttpException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditLog } from '../moderation/audit/audit-log.js';
import { NewModeratorDto } from '../moderation/accounts/dto/moderator.dto.js';
import { ModeratorsService } from '../moderation/accounts/moderators.service.js';
import { importFile, type ImportFormat, stderrProgress } from '../import/import-command.js';
import { ImportBatchError } from '../import/importer.js';
import { MalformedExportError, UnknownFormatError } from '../import/import-records.js';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { EXPORT_FORMATS, type ExportFormat } from '../export/export-records.js';
import { HousekeepingRepository } from '../housekeeping/housekeeping.repository.js';
import { type HousekeepingReport, HousekeepingService } from '../housekeeping/housekeeping.service.js';
import { exportedArticleUrl, writeExport } from '../export/export-command.js';

const USAGE = `Usage: npm run kolom -- <command> [options]

Commands:
  site:create --slug SLUG --origin ORIGIN [--origin ORIGIN …] [--name NAME]
                         add a news site whose pages (on the given origins) may show comments
  site:list              list the sites
  moderator:create --email EMAIL --role admin|moderator [--site SLUG …] [--name NAME] [--password=PASSWORD]
                         add a moderator account (a moderator needs --site; an admin sees every site);
                         without --password one is generated and printed once
  moderator:password --email EMAIL [--password=PASSWORD]
                         set a new password (generated and printed once if not given); signs the account out
  import:wordpress FILE.xml --site SLUG [--dry-run] [--with-pings] [--no-learn] [--batch-size N]
  import:disqus FILE.xml --site SLUG [--dry-run] [--no-learn] [--batch-size N]
                         bring a WordPress (WXR) or Disqus export's comments into a site; safe to run again
  export --site SLUG --format wxr|json [--article URL] [--output FILE]
                         write a site's comments (or one article's) as WordPress WXR or Kolom's JSON,
                         to stdout or FILE; holds authors' emails and IPs: keep it private
  housekeeping           run one round of housekeeping now (the server runs one every 5 minutes): spam and
                         trash past each site's purgeSpamTrashDays, IP addresses and user agents past
                         keepAddressesDays, live events past the replay horizon
  migration:run          apply pending database migrations (the server also does this at start)
  migration:revert       undo the newest applied migration (a rollback; take a backup first)
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
      email: { type: 'string' },
      role: { type: 'string' },
      site: { type: 'string', multiple: true },
      password: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'with-pings': { type: 'boolean' },
      'no-learn': { type: 'boolean' },
      'batch-size': { type: 'string' },
      format: { type: 'string' },
      article: { type: 'string' },
      output: { type: 'string' },
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
    case 'moderator:create': {
      const request = plainToInstance(NewModeratorDto, {
        email: values.email,
        role: values.role,
        name: values.name,
        sites: values.site,
        password: values.password,
      });
      const problems = validateSync(request, { forbidUnknownValues: true }).flatMap((e) => Object.values(e.constraints ?? {}));
      if (problems.length > 0) {
        console.error(`moderator:create: ${[...new Set(problems)].join(' ')}\n`);
        console.error(USAGE);
        return 1;
      }
      const db = await openCliDatabase(config);
      try {
        const { moderator, password } = await moderatorsOn(db.dataSource).create(request);
        const where = moderator.sites === 'all' ? 'every site' : moderator.sites.join(', ');
        console.log(`Created ${moderator.role} ${moderator.email} (${where}).`);
        if (password) console.log(`Password (shown only now): ${password}`);
        console.log(`Sign in: POST ${config.publicUrl}/api/v1/moderation/login`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'moderator:password': {
      if (!values.email) {
        console.error('moderator:password needs --email.\n');
        console.error(USAGE);
        return 1;
      }
      const db = await openCliDatabase(config);
      try {
        const password = await moderatorsOn(db.dataSource).resetPassword(values.email, values.password);
        console.log(
          `New password for ${values.email.trim().toLowerCase()}${values.password ? ' set' : ` (shown only now): ${password}`}. Its sessions have ended.`,
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'import:wordpress':
    case 'import:disqus': {
      const [file] = rest;
      const batchSize = Number(values['batch-size'] ?? 500);
      if (!file || values.site?.length !== 1 || !Number.isInteger(batchSize) || batchSize < 1) {
        console.error(`${command} needs a file and one --site (and --batch-size, if given, a positive whole number).\n`);
        console.error(USAGE);
        return 1;
      }
      const db = await openCliDatabase(config);
      try {
        const format = command.slice('import:'.length) as ImportFormat;
        const request = {
          file,
          format,
          siteSlug: values.site[0],
          dryRun: !!values['dry-run'],
          withPings: !!values['with-pings'],
          learn: !values['no-learn'],
          batchSize,
        };
        console.log((await importFile(db.dataSource, request, stderrProgress())).format());
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'export': {
      const format = values.format as ExportFormat;
      if (values.site?.length !== 1 || !EXPORT_FORMATS.includes(format)) {
        console.error('export needs one --site and --format wxr or json.\n');
        console.error(USAGE);
        return 1;
      }
      const db = await openCliDatabase(config);
      try {
        const site = await new SitesService(db.dataSource.getRepository(Site)).getBySlug(values.site[0]);
        const articleUrl = values.article ? await exportedArticleUrl(db.dataSource, site, values.article) : null;
        const out = values.output ? createWriteStream(values.output, { encoding: 'utf8' }) : process.stdout;
        const counts = await writeExport(db.dataSource, site, format, out, { articleUrl });
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        } else if (process.stdout.writableNeedDrain) {
          await once(process.stdout, 'drain');
        }
        // stdout carries the export: the tally goes to stderr.
        console.error(`Exported ${counts.comments} comments on ${counts.articles} articles of "${site.slug}" as ${format}.`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'housekeeping': {
      const db = await openCliDatabase(config);
      try {
        const report = await new HousekeepingService(new HousekeepingRepository(db.dataSource)).round();
        console.log(housekeepingSummary(report));
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
    case 'migration:revert': {
      const db = await openCliDatabase(config, { migrate: false });
      try {
        const reverted = await revertLastMigration(db.dataSource, !!config.databaseUrl);
        console.log(reverted ? 'Reverted the newest migration: start the release before it, or run this again to go further back.' : 'No migration to revert.');
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

function httpMessage(error: HttpException): string {
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  return Array.isArray(message) ? message.join(' ') : String(message ?? error.message);
}

function housekeepingSummary(report: HousekeepingReport): string {
  const rows = (job: number[]) => job.reduce((sum, n) => sum + n, 0);
  return [
    `Purged ${rows(report.purged)} spam and trash comments; ${rows(report.placeholders)} with replies left as placeholders.`,
    `Erased the IP address and user agent of ${rows(report.addresses)} comments.`,
    `Deleted ${rows(report.events)} live events past the replay horizon.`,
  ].join('\n');
}

/** Outside the server nobody listens to its events; the account and its audit entry are what matter. */
function moderatorsOn(dataSource: DataSource): ModeratorsService {
  return new ModeratorsService(dataSource, new AuditLog(dataSource), new EventEmitter2());
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof ConfigError ||
      error instanceof EmbeddedDatabaseInUseError ||
      error instanceof SiteInputError ||
      error instanceof UnknownFormatError ||
      error instanceof ImportBatchError ||
      error instanceof MalformedExportError;
    // The services answer HTTP errors; here their message is what the user needs.
    const message = error instanceof HttpException ? httpMessage(error) : error instanceof Error ? error.message : String(error);
    console.error(known || error instanceof HttpException ? message : ((error as Error)?.stack ?? message));
    process.exit(1);
  },
);
