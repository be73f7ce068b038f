import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import type { DataSource } from 'typeorm';
import { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { ClassifierStore } from '../spam/classifier/classifier.store.js';
import { SpamLearning } from '../spam/classifier/spam-learning.js';
import { HoldEvidenceRepository } from '../spam/thresholds/hold-evidence.repository.js';
import { SiteHoldThresholds } from '../spam/thresholds/site-hold-thresholds.js';
import { DisqusReader } from './disqus-reader.js';
import { type ExportReader, type ImportRecord, MalformedExportError, UnknownFormatError } from './import-records.js';
import { Importer } from './importer.js';
import { ImportSummary } from './import-summary.js';
import { WxrReader } from './wxr-reader.js';

export const IMPORT_FORMATS = { wordpress: () => new WxrReader(), disqus: () => new DisqusReader() } as const;
export type ImportFormat = keyof typeof IMPORT_FORMATS;

export interface ImportRequest {
  file: string;
  format: ImportFormat;
  siteSlug: string;
  dryRun: boolean;
  withPings: boolean;
  learn: boolean;
  batchSize: number;
}

/** Where progress goes: a bar on a terminal, a line per batch otherwise (logs, CI, tests). */
export interface ImportProgress {
  start(totalBytes: number): void;
  update(bytesRead: number, imported: number): void;
  stop(): void;
}

/** The records of an export file, read as a stream: a 2 GB file never sits in memory. */
export async function* exportRecords(file: string, reader: ExportReader, onBytes: (bytesRead: number) => void): AsyncGenerator<ImportRecord> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      onBytes(stream.bytesRead);
      yield* parsed(() => reader.write(chunk as string));
    }
    yield* parsed(() => reader.close());
  } finally {
    stream.destroy();
  }
}

function parsed(read: () => ImportRecord[]): ImportRecord[] {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownFormatError || !(error instanceof Error)) throw error;
    const [, line, column, message] = /^(\d+):(\d+): (.*)$/s.exec(error.message) ?? [];
    throw new MalformedExportError(
      line ? `The file is not well-formed XML at line ${line}, column ${column}: ${message}` : `The file is not well-formed XML: ${error.message}`,
      { cause: error },
    );
  }
}

export async function importFile(dataSource: DataSource, request: ImportRequest, progress: ImportProgress): Promise<ImportSummary> {
  const site = await new SitesService(dataSource.getRepository(Site)).getBySlug(request.siteSlug);
  const summary = new ImportSummary(request.dryRun);
  const { size } = await stat(request.file);
  let bytesRead = 0;
  const importer = new Importer(dataSource, site, summary, {
    source: request.format,
    dryRun: request.dryRun,
    withPings: request.withPings,
    learning: request.learn ? new SpamLearning(new ClassifierStore(dataSource, new SiteHoldThresholds(new HoldEvidenceRepository(dataSource)))) : null,
    batchSize: request.batchSize,
    onBatch: (imported) => progress.update(bytesRead, imported),
  });
  progress.start(size);
  try {
    for await (const record of exportRecords(request.file, IMPORT_FORMATS[request.format](), (n) => (bytesRead = n))) await importer.add(record);
    await importer.finish();
    progress.update(size, summary.importedCount);
  } catch (error) {
    if (error instanceof MalformedExportError && !request.dryRun) {
      error.message += `. The ${summary.importedCount} comments of the batches committed before it stay (a re-run skips them); nothing after them was written.`;
    }
    throw error;
  } finally {
    progress.stop();
  }
  return summary;
}

/** cli-progress on a terminal; elsewhere one line per committed batch, which a log (or a test) can follow. */
export function stderrProgress(): ImportProgress {
  if (!process.stderr.isTTY) {
    let total = 0;
    return {
      start: (bytes) => (total = bytes),
      update: (bytes, imported) =>
        process.stderr.write(`Committed ${imported} comments (${total ? Math.floor((bytes / total) * 100) : 100}% of the file read)\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {value_mb}/{total_mb} MB | {imported} comments | {eta_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  let total = 0;
  return {
    start: (bytes) => {
      total = bytes;
      bar.start(bytes, 0, { value_mb: mb(0), total_mb: mb(bytes), imported: 0 });
    },
    update: (bytes, imported) => bar.update(bytes, { value_mb: mb(bytes), total_mb: mb(total), imported }),
    stop: () => bar.stop(),
  };
}
