import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { DataSource } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import type { Site } from '../sites/site.entity.js';
import { Comment } from '../threads/comment.entity.js';
import type { ExportedArticle, ExportedComment, ExportWriter } from './export-records.js';

export interface ExportOptions {
  /** Only this article (its canonical URL); every article of the site otherwise. */
  articleUrl?: string | null;
  /** Rows per query: a site's comments are never read at once. */
  batchSize?: number;
  now?: Date;
}

/** What the exporter wrote, for the audit log and the command's last line. */
export interface ExportCounts {
  articles: number;
  comments: number;
}

/**
 * Reads a site's articles and their comments in keyset-paged batches (by id, oldest first) and
 * hands each row to the writer as it comes, waiting for the output to drain: memory stays flat
 * however big the site is.
 */
export class Exporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ExportWriter,
    private readonly out: Writable,
  ) {}

  async run(site: Site, options: ExportOptions = {}): Promise<ExportCounts> {
    const batchSize = options.batchSize ?? 500;
    const counts: ExportCounts = { articles: 0, comments: 0 };
    await this.write(this.writer.start({ slug: site.slug, name: site.name, origins: site.allowedOrigins }, options.now ?? new Date()));
    for await (const article of this.articles(site.id, options.articleUrl ?? null, batchSize)) {
      counts.articles += 1;
      await this.write(this.writer.article(article));
      for await (const comments of this.comments(article.id, batchSize)) {
        counts.comments += comments.length;
        await this.write(comments.map((c) => this.writer.comment(c)).join(''));
      }
      await this.write(this.writer.endArticle());
    }
    await this.write(this.writer.end());
    return counts;
  }

  private async *articles(siteId: number, url: string | null, batchSize: number): AsyncGenerator<ExportedArticle> {
    let afterId = 0;
    for (;;) {
      const builder = this.dataSource
        .getRepository(Article)
        .createQueryBuilder('a')
        .where('a.siteId = :siteId', { siteId })
        .andWhere('a.id > :afterId', { afterId })
        .orderBy('a.id', 'ASC')
        .limit(batchSize);
      if (url !== null) builder.andWhere('a.url = :url', { url });
      const rows = await builder.getMany();
      for (const row of rows) yield { id: row.id, url: row.url, title: row.title, open: row.open, premoderation: row.premoderation, createdAt: row.createdAt };
      if (rows.length < batchSize) return;
      afterId = rows.at(-1)!.id;
    }
  }

  private async *comments(articleId: number, batchSize: number): AsyncGenerator<ExportedComment[]> {
    let afterId = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(Comment)
        .createQueryBuilder('c')
        .addSelect('c.importKey')
        .where('c.articleId = :articleId', { articleId })
        .andWhere('c.id > :afterId', { afterId })
        .orderBy('c.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (rows.length > 0) yield rows.map(exported);
      if (rows.length < batchSize) return;
      afterId = rows.at(-1)!.id;
    }
  }

  private async write(text: string): Promise<void> {
    if (this.out.destroyed) throw new ExportAbortedError('The export was stopped: its output closed before the end.');
    if (text !== '' && !this.out.write(text)) await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
  }
}

/** The output went away mid-export (a download cancelled): nothing more is read. */
export class ExportAbortedError extends Error {}

function exported(row: Comment): ExportedComment {
  return {
    id: row.id,
    parentId: row.parentId,
    replyToId: row.replyToId,
    depth: row.depth,
    authorName: row.authorName,
    authorEmail: row.authorEmail,
    authorWebsite: row.authorWebsite,
    body: row.body,
    status: row.status,
    spamScore: row.spamScore,
    spamReasons: row.spamReasons,
    classifierP: row.classifierP,
    staff: row.staff,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    editedAt: row.editedAt,
    editedFrom: row.editedFrom,
    importKey: row.importKey ?? null,
  };
}
