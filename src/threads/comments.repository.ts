import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { Comment } from './comment.entity.js';
import type { CommentStatus } from './comment-status.js';
import type { PublicCommentSource } from './public-comment.js';
import type { ThreadSort } from './dto/thread-query.dto.js';

const PUBLIC_COLUMNS: Array<keyof PublicCommentSource> = [
  'id', 'articleId', 'parentId', 'replyToId', 'depth', 'sortPath', 'authorName', 'authorWebsite', 'body', 'status', 'createdAt', 'editedAt',
];

export interface RecentActivity {
  duplicate: boolean;
  flood: boolean;
}

/** Every query on comments lives here. */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get comments() {
    return this.dataSource.getRepository(Comment);
  }

  findById(id: number): Promise<Comment | null> {
    return this.comments.findOneBy({ id });
  }

  findByIdempotencyKey(siteId: number, idempotencyKey: string): Promise<Comment | null> {
    return this.comments.findOneBy({ siteId, idempotencyKey });
  }

  authorHasApprovedComment(siteId: number, email: string): Promise<boolean> {
    return this.comments.existsBy({ siteId, authorEmail: email, status: 'approved' });
  }

  /** The id is drawn before the insert because the sort path embeds it. */
  async nextId(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id`);
    return Number(row.id);
  }

  /**
   * WordPress's duplicate check (same author, same text, same article; trash and deleted don't count)
   * and flood check (same email or IP on the site within the last `floodSeconds`), in one round trip.
   */
  async recentActivity(input: {
    siteId: number;
    articleId: number;
    email: string;
    ip: string | null;
    normalisedBody: string;
    floodSeconds: number;
  }): Promise<RecentActivity> {
    const [row] = await this.dataSource.query(
      `SELECT
         EXISTS (SELECT 1 FROM comments
                  WHERE site_id = $1 AND author_email = $3 AND article_id = $2
                    AND status NOT IN ('trash', 'deleted')
                    AND regexp_replace(lower(body), '\\s+', ' ', 'g') = $4) AS duplicate,
         ($5::int > 0 AND EXISTS (SELECT 1 FROM comments
                  WHERE site_id = $1 AND (author_email = $3 OR ip = $6::inet)
                    AND created_at > now() - make_interval(secs => $5::int))) AS flood`,
      [input.siteId, input.articleId, input.email, input.normalisedBody, input.floodSeconds, input.ip],
    );
    return { duplicate: row.duplicate, flood: row.flood };
  }

  /** Inserts the comment and, when it is public, counts it on its article, in one transaction. */
  insert(comment: Comment, afterInsert?: (manager: EntityManager) => Promise<void>): Promise<Comment> {
    return this.dataSource.transaction(async (manager) => {
      // insert, not save: save would first look the explicit id up to choose between insert and update.
      const id = comment.id;
      await manager.getRepository(Comment).insert(comment);
      // The insert copies the returned key back raw (int8 as a string), bypassing the column transformer.
      comment.id = id;
      if (comment.status === 'approved') await this.adjustCount(manager, comment.articleId, 1);
      await afterInsert?.(manager);
      return comment;
    });
  }

  async updateBody(comment: Comment, body: string): Promise<Comment> {
    const editedAt = new Date();
    await this.comments.update({ id: comment.id }, { body, editedAt });
    return Object.assign(comment, { body, editedAt });
  }

  /** Moves a comment to another status and keeps the article's approved count in step. */
  changeStatus(comment: Comment, status: CommentStatus): Promise<Comment> {
    return this.dataSource.transaction(async (manager) => {
      const delta = Number(status === 'approved') - Number(comment.status === 'approved');
      // Guarded by the status we read, so two concurrent changes cannot both adjust the count.
      const result = await manager.getRepository(Comment).update({ id: comment.id, status: comment.status }, { status });
      if (!result.affected) throw new ConflictException('This comment was changed by someone else meanwhile; reload and try again.');
      if (delta !== 0) await this.adjustCount(manager, comment.articleId, delta);
      return Object.assign(comment, { status });
    });
  }

  private async adjustCount(manager: EntityManager, articleId: number, delta: number): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Article)
      .set({ approvedCount: () => `approved_count + ${delta}` })
      .where('id = :articleId', { articleId })
      .execute();
  }

  /**
   * A page of top-level comments: approved ones, and removed ones that still have approved replies
   * (shown as placeholders so the conversation under them keeps its place).
   */
  pageOfRoots(articleId: number, sort: ThreadSort, afterId: number | null, limit: number): Promise<PublicCommentSource[]> {
    const query = this.publicColumns('c')
      .where('c.article_id = :articleId AND c.parent_id IS NULL', { articleId })
      .andWhere(
        `(c.status = 'approved' OR (c.status <> 'pending' AND EXISTS (
            SELECT 1 FROM comments r WHERE r.root_id = c.id AND r.id <> c.id AND r.status = 'approved')))`,
      )
      .orderBy('c.id', sort === 'oldest' ? 'ASC' : 'DESC')
      .limit(limit);
    if (afterId !== null) query.andWhere(sort === 'oldest' ? 'c.id > :afterId' : 'c.id < :afterId', { afterId });
    return query.getMany();
  }

  /** Approved replies under the given top-level comments, depth-first and oldest first. */
  approvedReplies(rootIds: number[]): Promise<PublicCommentSource[]> {
    if (rootIds.length === 0) return Promise.resolve([]);
    return this.publicColumns('c')
      .where('c.root_id IN (:...rootIds) AND c.parent_id IS NOT NULL', { rootIds })
      .andWhere(`c.status = 'approved'`)
      .orderBy('c.sort_path', 'ASC')
      .getMany();
  }

  byIds(ids: number[]): Promise<PublicCommentSource[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.publicColumns('c').where('c.id IN (:...ids)', { ids }).getMany();
  }

  private publicColumns(alias: string) {
    return this.comments.createQueryBuilder(alias).select(PUBLIC_COLUMNS.map((column) => `${alias}.${column}`));
  }
}
