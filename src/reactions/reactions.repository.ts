import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A comment readers may like: its site (whose readers are counted apart) and article. */
export interface LikeableComment {
  siteId: number;
  articleId: number;
}

/** After a like or an unlike: the count, and whether this one changed it (a repeat does not). */
export interface LikeOutcome {
  likes: number;
  changed: boolean;
}

/**
 * Likes: a row per reader per comment, and the comment's `like_count` moved by the same statement,
 * so the two never disagree and a thread page reads a column. Concurrent likes of one comment take
 * turns on its row; each adds to the count the one before it left.
 */
@Injectable()
export class ReactionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The comment, if readers can see it (approved); null otherwise, as for a comment that does not exist. */
  async likeable(commentId: number): Promise<LikeableComment | null> {
    const [row] = await this.dataSource.query(`SELECT site_id, article_id FROM comments WHERE id = $1 AND status = 'approved'`, [commentId]);
    return row ? { siteId: Number(row.site_id), articleId: Number(row.article_id) } : null;
  }

  /** null: the comment is no longer approved. */
  like(commentId: number, reactor: string): Promise<LikeOutcome | null> {
    return this.change(
      `added AS (INSERT INTO comment_reactions (comment_id, reactor) SELECT id, $2 FROM target ON CONFLICT DO NOTHING RETURNING comment_id),
       counted AS (UPDATE comments c SET like_count = c.like_count + 1 FROM added WHERE c.id = added.comment_id RETURNING c.like_count)`,
      commentId,
      reactor,
    );
  }

  /** null: the comment is no longer approved. */
  unlike(commentId: number, reactor: string): Promise<LikeOutcome | null> {
    return this.change(
      `taken AS (DELETE FROM comment_reactions r USING target WHERE r.comment_id = target.id AND r.reactor = $2 RETURNING r.comment_id),
       counted AS (UPDATE comments c SET like_count = c.like_count - 1 FROM taken WHERE c.id = taken.comment_id RETURNING c.like_count)`,
      commentId,
      reactor,
    );
  }

  /** The current counts of the comments readers can see among these ids. */
  async counts(commentIds: number[]): Promise<Array<{ id: number; likes: number }>> {
    if (commentIds.length === 0) return [];
    const rows: Array<{ id: string; like_count: number }> = await this.dataSource.query(
      `SELECT id, like_count FROM comments WHERE id = ANY($1::bigint[]) AND status = 'approved' ORDER BY id`,
      [commentIds],
    );
    return rows.map((row) => ({ id: Number(row.id), likes: row.like_count }));
  }

  /** One statement: the approved comment, the reaction row written or removed, the count moved with it. */
  private async change(steps: string, commentId: number, reactor: string): Promise<LikeOutcome | null> {
    const [row]: Array<{ found: boolean; counted: number | null; current: number | null }> = await this.dataSource.query(
      `WITH target AS (SELECT id, like_count FROM comments WHERE id = $1 AND status = 'approved'),
       ${steps}
       SELECT EXISTS (SELECT 1 FROM target) AS found, (SELECT like_count FROM counted) AS counted, (SELECT like_count FROM target) AS current`,
      [commentId, reactor],
    );
    if (!row.found) return null;
    return row.counted === null ? { likes: row.current ?? 0, changed: false } : { likes: row.counted, changed: true };
  }
}
