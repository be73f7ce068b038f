import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Article } from '../../articles/article.entity.js';
import { Comment } from '../../threads/comment.entity.js';
import type { CommentStatus } from '../../threads/comment-status.js';
import type { QueueCounts, QueueFilter } from './queue.js';

export interface FlagSummary {
  count: number;
  reasons: Record<string, number>;
  notes: string[];
}

/** Every query behind the moderation queues. */
@Injectable()
export class QueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Ids of one page of a queue. Each site's part is read by its own ordered walk of the
   * comments_queue index (site, status, id), then merged: the page costs the same at a thousand
   * comments or a million, whatever the number of sites.
   */
  async pageIds(filter: QueueFilter): Promise<number[]> {
    if (filter.siteIds.length === 0) return [];
    const newest = filter.sort === 'newest';
    const params: unknown[] = [filter.siteIds, filter.limit];
    const conditions: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.afterId !== null) conditions.push(`c.id ${newest ? '<' : '>'} ${param(filter.afterId)}`);
    if (filter.articleId !== undefined) conditions.push(`c.article_id = ${param(filter.articleId)}`);
    if (filter.email !== undefined) conditions.push(`c.author_email = ${param(filter.email.toLowerCase())}`);
    if (filter.text !== undefined) {
      const pattern = param(`%${filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      conditions.push(`(c.body ILIKE ${pattern} OR c.author_name ILIKE ${pattern})`);
    }
    const direction = newest ? 'DESC' : 'ASC';
    const where = conditions.map((condition) => ` AND ${condition}`).join('');
    const sql =
      filter.queue === 'flagged'
        ? // Few comments have open flags: start from them (flags_open), not from the approved comments.
          `SELECT c.id FROM comments c
            WHERE c.status = 'approved' AND c.site_id = ANY($1::int[])
              AND c.id IN (SELECT f.comment_id FROM flags f WHERE f.resolved_at IS NULL AND f.site_id = ANY($1::int[]))${where}
            ORDER BY c.id ${direction} LIMIT $2`
        : `SELECT c.id FROM unnest($1::int[]) AS s(id)
            CROSS JOIN LATERAL (
              SELECT c.id FROM comments c
               WHERE c.site_id = s.id AND c.status = ${param(filter.queue)}${where}
               ORDER BY c.id ${direction} LIMIT $2) c
            ORDER BY c.id ${direction} LIMIT $2`;
    const rows: Array<{ id: string }> = await this.dataSource.query(sql, params);
    return rows.map((row) => Number(row.id));
  }

  async counts(siteIds: number[]): Promise<QueueCounts> {
    const counts: QueueCounts = { pending: 0, flagged: 0, spam: 0, trash: 0 };
    if (siteIds.length === 0) return counts;
    const [byStatus, flagged] = await Promise.all([
      this.dataSource.query(
        `SELECT status, count(*)::int AS count FROM comments
          WHERE site_id = ANY($1::int[]) AND status IN ('pending', 'spam', 'trash') GROUP BY status`,
        [siteIds],
      ) as Promise<Array<{ status: 'pending' | 'spam' | 'trash'; count: number }>>,
      this.dataSource.query(
        `SELECT count(DISTINCT f.comment_id)::int AS count FROM flags f JOIN comments c ON c.id = f.comment_id
          WHERE f.resolved_at IS NULL AND f.site_id = ANY($1::int[]) AND c.status = 'approved'`,
        [siteIds],
      ) as Promise<Array<{ count: number }>>,
    ]);
    for (const row of byStatus) counts[row.status] = row.count;
    counts.flagged = flagged[0]?.count ?? 0;
    return counts;
  }

  commentsByIds(ids: number[]): Promise<Comment[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.dataSource.getRepository(Comment).findBy({ id: In(ids) });
  }

  articlesByIds(ids: number[]): Promise<Article[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.dataSource.getRepository(Article).findBy({ id: In(ids) });
  }

  async openFlags(commentIds: number[]): Promise<Map<number, FlagSummary>> {
    const summaries = new Map<number, FlagSummary>();
    if (commentIds.length === 0) return summaries;
    const rows: Array<{ comment_id: string; reason: string; count: number; notes: string[] }> = await this.dataSource.query(
      `SELECT comment_id, reason, count(*)::int AS count, array_remove(array_agg(text ORDER BY id), NULL) AS notes
         FROM flags WHERE comment_id = ANY($1::bigint[]) AND resolved_at IS NULL
        GROUP BY comment_id, reason`,
      [commentIds],
    );
    for (const row of rows) {
      const id = Number(row.comment_id);
      const summary = summaries.get(id) ?? { count: 0, reasons: {}, notes: [] };
      summary.count += row.count;
      summary.reasons[row.reason] = row.count;
      summary.notes.push(...row.notes);
      summaries.set(id, summary);
    }
    return summaries;
  }

  /** Each author's comments on a site, by status; keyed `siteId|email`. */
  async authorRecords(authors: Array<{ siteId: number; email: string }>): Promise<Map<string, Partial<Record<CommentStatus, number>>>> {
    const records = new Map<string, Partial<Record<CommentStatus, number>>>();
    if (authors.length === 0) return records;
    const rows: Array<{ site_id: number; author_email: string; status: CommentStatus; count: number }> = await this.dataSource.query(
      `SELECT c.site_id, c.author_email, c.status, count(*)::int AS count
         FROM (SELECT DISTINCT * FROM unnest($1::int[], $2::text[])) AS a(site_id, email)
         JOIN comments c ON c.site_id = a.site_id AND c.author_email = a.email
        GROUP BY c.site_id, c.author_email, c.status`,
      [authors.map((a) => a.siteId), authors.map((a) => a.email)],
    );
    for (const row of rows) {
      const key = `${row.site_id}|${row.author_email}`;
      records.set(key, { ...records.get(key), [row.status]: row.count });
    }
    return records;
  }
}
