import type { Writable } from 'node:stream';
import { NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { canonicalArticleUrl } from '../articles/article-url.js';
import type { Site } from '../sites/site.entity.js';
import type { ExportFormat, ExportWriter } from './export-records.js';
import { type ExportCounts, Exporter } from './exporter.js';
import { JsonWriter } from './json-writer.js';
import { WxrWriter } from './wxr-writer.js';

export const EXPORT_WRITERS: Record<ExportFormat, () => ExportWriter> = { wxr: () => new WxrWriter(), json: () => new JsonWriter() };

/** What a download of the export is called and served as. */
export function exportFile(site: Site, format: ExportFormat, now: Date): { filename: string; contentType: string } {
  const stamp = now.toISOString().slice(0, 10);
  return format === 'wxr'
    ? { filename: `kolom-${site.slug}-${stamp}.wxr.xml`, contentType: 'application/rss+xml; charset=utf-8' }
    : { filename: `kolom-${site.slug}-${stamp}.json`, contentType: 'application/json; charset=utf-8' };
}

/**
 * The canonical URL of the one article to export, checked before anything is written (so a
 * download can still answer 404). Throws NotFoundException for an article the site does not have.
 */
export async function exportedArticleUrl(dataSource: DataSource, site: Site, url: string): Promise<string> {
  let canonical: string;
  try {
    canonical = canonicalArticleUrl(url, site.effectiveSettings.articleParameters);
  } catch {
    throw new NotFoundException(`There is no article "${url}" on the site "${site.slug}".`);
  }
  const found = await dataSource.getRepository(Article).existsBy({ siteId: site.id, url: canonical });
  if (!found) throw new NotFoundException(`There is no article "${url}" on the site "${site.slug}".`);
  return canonical;
}

/** Writes the site's export (or one article's) to `out`, as it reads it; `out` is not ended. */
export function writeExport(
  dataSource: DataSource,
  site: Site,
  format: ExportFormat,
  out: Writable,
  options: { articleUrl?: string | null; batchSize?: number; now?: Date } = {},
): Promise<ExportCounts> {
  return new Exporter(dataSource, EXPORT_WRITERS[format](), out).run(site, options);
}
