import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ArticleEvent, type ArticleEventKind } from './article-event.entity.js';
import { type RawPublicRow, selectPublicColumns, toSource } from './comments.repository.js';
import type { PublicCommentSource } from './public-comment.js';

export interface OutboxEvent {
  eventId: number;
  kind: ArticleEventKind;
  commentId: number;
  /** The comment as it is now (null when it was deleted for good). */
  comment: PublicCommentSource | null;
  /** When the change was written: the start of its transaction, by the database's clock. */
  createdAt: Date;
}

/**
 * How long outbox events are kept (src/housekeeping deletes older ones, never an article's newest).
 * A reader replays from the page it loaded: one open this long reloads the thread instead
 * (ArticleRelay, when its lastSeenId is gone).
 */
export const OUTBOX_KEEP_DAYS = 7;

/** Reads the article_events outbox that the comments trigger writes. */
@Injectable()
export class ArticleEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest event of the article, 0 when it has none: where a fresh reader starts. */
  async lastEventId(articleId: number): Promise<number> {
    const row = await this.dataSource
      .getRepository(ArticleEvent)
      .createQueryBuilder('e')
      .select('MAX(e.id)', 'id')
      .where('e.article_id = :articleId', { articleId })
      .getRawOne<{ id: string | null }>();
    return row?.id ? Number(row.id) : 0;
  }

  /** The event is still in the article's outbox (housekeeping has not deleted it). */
  async has(articleId: number, eventId: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM article_events WHERE article_id = $1 AND id = $2`, [articleId, eventId]);
    return rows.length > 0;
  }

  /**
   * The newest event of each article, for a node checking that it missed none (ArticleRelay.sweep):
   * one index probe per article, however long its history.
   */
  async lastEventIds(articleIds: number[]): Promise<Map<number, number>> {
    if (articleIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ articleId: string; lastId: string | null }>>(
      `SELECT a.id AS "articleId", (SELECT MAX(e.id) FROM article_events e WHERE e.article_id = a.id) AS "lastId"
         FROM unnest($1::bigint[]) AS a(id)`,
      [articleIds],
    );
    return new Map(rows.map((row) => [Number(row.articleId), row.lastId ? Number(row.lastId) : 0]));
  }

  /** Events of the article after `afterId`, oldest first, each with its comment as it is now. */
  async after(articleId: number, afterId: number, limit: number): Promise<OutboxEvent[]> {
    const query = this.dataSource
      .getRepository(ArticleEvent)
      .createQueryBuilder('e')
      .select('e.id', 'eventId')
      .addSelect('e.kind', 'kind')
      .addSelect('e.comment_id', 'commentId')
      .addSelect('e.created_at', 'createdAt')
      .leftJoin('comments', 'c', 'c.id = e.comment_id')
      .where('e.article_id = :articleId AND e.id > :afterId', { articleId, afterId })
      .orderBy('e.id', 'ASC')
      .limit(limit);
    const rows = await selectPublicColumns(query, 'c').getRawMany<
      RawPublicRow & { eventId: string; kind: ArticleEventKind; commentId: string; createdAt: Date }
    >();
    return rows.map((row) => ({
      eventId: Number(row.eventId),
      kind: row.kind,
      commentId: Number(row.commentId),
      comment: row.id === null ? null : toSource(row),
      createdAt: new Date(row.createdAt),
    }));
  }

  /**
   * How many events of these articles come after each one's cursor: what a node has yet to send
   * to its readers (the outbox backlog of its metrics). One index range per article.
   */
  async countAfter(cursors: Array<{ articleId: number; afterId: number }>): Promise<number> {
    if (cursors.length === 0) return 0;
    const [row] = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(e.id) AS count
         FROM unnest($1::bigint[], $2::bigint[]) AS f(article_id, after_id)
         JOIN article_events e ON e.article_id = f.article_id AND e.id > f.after_id`,
      [cursors.map((c) => c.articleId), cursors.map((c) => c.afterId)],
    );
    return Number(row.count);
  }
}
