import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LISTED_ROOT_SQL, publicColumnsSql, type RawPublicRow, toSource } from './comments.repository.js';
import type { PublicCommentSource } from './public-comment.js';

/**
 * The `top` order: likes with time decay, as Hacker News ranks stories, computed by the database
 * from the column a like keeps current. +2 hours keeps a brand-new comment from ranking infinitely
 * high; the 1.5 power lets a day-old comment with many likes yield to a fresh one with a few.
 * Removed comments kept as placeholders rank as if unliked. Ties (unliked comments) go newest first.
 */
const TOP_SCORE_SQL = `(CASE WHEN c.status = 'approved' THEN c.like_count ELSE 0 END)::float8
                        / power(extract(epoch FROM now() - c.created_at) / 3600 + 2, 1.5)`;

/** A reader still paging through a thread after this long starts again from its first page. */
const KEEP_RANKING = '1 day';

export interface RankedRoot {
  root: PublicCommentSource;
  /** Its place in the ranking, from 1: the cursor of the page that ends with it. */
  position: number;
}

/**
 * Rankings of an article's top-level comments for the `top` sort, kept so that paging is stable.
 *
 * Why a snapshot and not a (score, id) cursor: the score moves on its own (every comment ages, and
 * not at the same rate relative to another), and likes arrive while a reader pages. A cursor of the
 * last item's score, compared against scores computed afresh, would repeat comments that lost
 * likes across the boundary and skip those that gained them. The first page instead stores the
 * whole order (one row of ids, written once per first page read; the page cache shares it between
 * readers of the same moment) and every later page reads the next slice of it: no comment ranked at
 * the first page's time is repeated or skipped, whatever happens to likes meanwhile. Comments
 * removed since are left out; comments posted since are not in it (they reach open pages live).
 */
@Injectable()
export class ThreadRankingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ranks the article's listed top-level comments now; answers the ranking's id. Old rankings go in passing. */
  async rank(articleId: number): Promise<number> {
    const [row] = await this.dataSource.query(
      `WITH expired AS (DELETE FROM thread_rankings WHERE created_at < now() - interval '${KEEP_RANKING}')
       INSERT INTO thread_rankings (article_id, root_ids)
       SELECT $1, coalesce(array_agg(c.id ORDER BY ${TOP_SCORE_SQL} DESC, c.id DESC), '{}')
         FROM comments c
        WHERE c.article_id = $1 AND c.parent_id IS NULL AND ${LISTED_ROOT_SQL}
       RETURNING id`,
      [articleId],
    );
    return Number(row.id);
  }

  /**
   * The ranked comments after `after` (a position), still listed, in ranking order. null: there is
   * no such ranking of this article (never made, or expired).
   */
  async page(rankingId: number, articleId: number, after: number, limit: number): Promise<RankedRoot[] | null> {
    const rows: Array<RawPublicRow & { position: string; found: boolean }> = await this.dataSource.query(
      `SELECT ${publicColumnsSql('c')}, r.n AS position
         FROM thread_rankings t
        CROSS JOIN LATERAL unnest(t.root_ids) WITH ORDINALITY AS r(id, n)
         JOIN comments c ON c.id = r.id
        WHERE t.id = $1 AND t.article_id = $2 AND r.n > $3 AND ${LISTED_ROOT_SQL}
        ORDER BY r.n
        LIMIT $4`,
      [rankingId, articleId, after, limit],
    );
    if (rows.length === 0) {
      const [exists] = await this.dataSource.query('SELECT 1 FROM thread_rankings WHERE id = $1 AND article_id = $2', [rankingId, articleId]);
      if (!exists) return null;
    }
    return rows.map((row) => ({ root: toSource(row), position: Number(row.position) }));
  }
}
