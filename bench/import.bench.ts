/**
 * Import benchmark: a generated WordPress export of 100,000 comments (IMPORT_BENCH_COMMENTS to
 * change it) read and imported into a fresh database, as `npm run kolom -- import:wordpress` does
 * it (batches of 500, the classifier learning). Two baselines from the same file in the same run:
 *   parse   saxes alone, no handlers: the floor any streaming import stands on
 *   read    Kolom's WXR reader and the HTML-to-text conversion, nothing written
 * then the import itself, as comments/s and as a ratio to each baseline, and the process's peak
 * RSS after each step (process.resourceUsage().maxRSS: it only grows, so each figure is the peak so
 * far; a streaming import keeps it flat however big the file).
 *
 * The database: a throw-away kolom_bench_<random> on the PostgreSQL that BENCH_DATABASE_URL or
 * DATABASE_URL names; with neither set, an in-memory embedded one (PGlite). `npm run bench:import`.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { EmbeddedDatabase } from '../src/database/embedded-database.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { commentText } from '../src/import/comment-html.js';
import { exportRecords, importFile, type ImportProgress } from '../src/import/import-command.js';
import { WxrReader } from '../src/import/wxr-reader.js';
import { Site } from '../src/sites/site.entity.js';
import { SitesService } from '../src/sites/sites.service.js';
import { BenchDatabase } from './support/bench-database.js';
import { writeGeneratedWxr } from './support/generated-wxr.js';
import { fmt, printHeading, printLoadAtEnd, printSummary } from './support/report.js';
import { runBench } from './support/run-bench.js';

const COMMENTS = Number(process.env.IMPORT_BENCH_COMMENTS || 100_000);
const usePostgres = !!(process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL);

const database = new BenchDatabase();
const folder = mkdtempSync(join(tmpdir(), 'kolom-import-bench-'));
let embedded: EmbeddedDatabase | null = null;
let dataSource: DataSource | null = null;

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const silent: ImportProgress = { start: () => undefined, update: () => undefined, stop: () => undefined };

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

/** saxes over the file with nothing listening: the cost of reading the XML at all. */
async function parseOnly(file: string): Promise<void> {
  const parser = new SaxesParser({ xmlns: true });
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) parser.write(chunk as string);
  parser.close();
}

/** The reader and the text conversion, without a database. */
async function readOnly(file: string): Promise<number> {
  let comments = 0;
  for await (const record of exportRecords(file, new WxrReader(), () => undefined)) {
    if (record.kind === 'comment' && commentText(record.html)) comments += 1;
  }
  return comments;
}

async function main(): Promise<void> {
  const file = join(folder, 'export.xml');
  printHeading(
    `Kolom import benchmark: ${fmt(COMMENTS)} comments from a generated WordPress export`,
    usePostgres ? 'PostgreSQL' : 'embedded PGlite (in memory)',
  );
  await writeGeneratedWxr(file, COMMENTS);
  const megabytes = statSync(file).size / 2 ** 20;
  console.log(`file: ${fmt(megabytes, 1)} MB, peak RSS after writing it ${fmt(peakRssMb())} MB`);

  const parse = await timed(() => parseOnly(file));
  const rssAfterParse = peakRssMb();
  const read = await timed(() => readOnly(file));
  const rssAfterRead = peakRssMb();

  const target = usePostgres
    ? { ...(await database.create()), poolSize: 2, embedded: false }
    : await (async () => {
        embedded = await EmbeddedDatabase.start(null);
        return { url: embedded.url, pgVersion: 'embedded PGlite (in memory)', poolSize: 1, embedded: true };
      })();
  console.log(`database: ${target.pgVersion}`);

  dataSource = await new DataSource(dataSourceOptions({ url: target.url, poolSize: target.poolSize, embedded: target.embedded })).initialize();
  await runMigrations(dataSource, !target.embedded);
  const site = await new SitesService(dataSource.getRepository(Site)).create({ slug: 'bench', origins: ['https://news.example'] });
  const request = { file, format: 'wordpress' as const, siteSlug: site.slug, dryRun: false, withPings: false, learn: true, batchSize: 500 };
  const imported = await timed(() => importFile(dataSource!, request, silent));
  const rssAfterImport = peakRssMb();
  const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM comments');
  if (n !== COMMENTS || imported.result.importedCount !== COMMENTS) throw new Error(`expected ${COMMENTS} comments, the database has ${n}`);

  const perSecond = (seconds: number) => COMMENTS / seconds;
  printSummary(
    [
      ['step', 'seconds', 'comments/s', 'MB/s', 'peak RSS MB', 'speed ÷ import'],
      [
        'parse (saxes alone)',
        fmt(parse.seconds, 2),
        fmt(perSecond(parse.seconds)),
        fmt(megabytes / parse.seconds, 1),
        fmt(rssAfterParse),
        fmt(imported.seconds / parse.seconds, 1),
      ],
      [
        'read (reader + text)',
        fmt(read.seconds, 2),
        fmt(perSecond(read.seconds)),
        fmt(megabytes / read.seconds, 1),
        fmt(rssAfterRead),
        fmt(imported.seconds / read.seconds, 1),
      ],
      ['import (all of it)', fmt(imported.seconds, 2), fmt(perSecond(imported.seconds)), fmt(megabytes / imported.seconds, 1), fmt(rssAfterImport), '1.0'],
    ],
    1,
    '   ',
  );
  console.log(
    `\nimport: ${fmt(perSecond(imported.seconds))} comments/s, ${fmt(parse.seconds / imported.seconds, 3)} of the speed of parsing alone (ratio import ÷ parse); ` +
      `peak RSS ${fmt(rssAfterImport)} MB${target.embedded ? ' (the embedded database runs in this process and counts in it)' : ''}`,
  );
  printLoadAtEnd();
}

runBench(main, {
  database,
  stopping: 'the import',
  stop: async () => {
    await dataSource?.destroy();
    await (embedded as EmbeddedDatabase | null)?.stop();
    rmSync(folder, { recursive: true, force: true });
  },
});
