import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, type ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Comment } from './comment.entity.js';
import { canMove, type StatusActor } from './comment-lifecycle.js';
import type { CommentStatus } from './comment-status.js';
import type { PublicCommentSource } from './public-comment.js';
import type { TimeSort } from './dto/thread-query.dto.js';

/** Listing columns, selected raw: hydrating entities cost more than the queries on a 200-comment thread. */
const PUBLIC_COLUMNS = {
  id: 'id',
  articleId: 'article_id',
  parentId: 'parent_id',
  replyToId: 'reply_to_id',
  depth: 'depth',
  sortPath: 'sort_path',
  authorName: 'author_name',
  authorWebsite: 'author_website',
  authorAvatar: 'author_avatar',
  body: 'body',
  status: 'status',
  createdAt: 'created_at',
  editedAt: 'edited_at',
  staff: 'staff',
  pinnedAt: 'pinned_at',
  editorsPick: 'editors_pick',
  moderatorEditedAt: 'moderator_edited_at',
  likeCount: 'like_count',
} as const;

export type RawPublicRow = { [K in keyof typeof PUBLIC_COLUMNS]: unknown };

/** The public columns as a select list for hand-written SQL, named as toSource reads them. */
export function publicColumnsSql(alias: string): string {
  return Object.entries(PUBLIC_COLUMNS)
    .map(([field, column]) => `${alias}.${column} AS "${field}"`)
    .join(', ');
}

/**
 * What an erased comment keeps (an UPDATE's SET list, alias-free): nothing of its author or text,
 * status `deleted`, which a thread shows as a placeholder where replies hang under it and not at
 * all otherwise. Used by readers' erasure and by housekeeping's purge of spam and trash.
 */
export const ERASED_COMMENT_SET = `status = 'deleted', body = '', author_name = '', author_email = '', author_website = NULL,
                author_account = NULL, author_avatar = NULL,
                ip = NULL, user_agent = NULL, edited_from = NULL, duplicate_key = '', idempotency_key = NULL,
                spam_reasons = '[]', notify_replies = false, author_verified = false, updated_at = now()`;

/**
 * Which top-level comments a thread page lists (under the alias `c`): approved ones, and removed
 * ones that still have approved replies (shown as placeholders so the conversation under them
 * keeps its place).
 */
export const LISTED_ROOT_SQL = `(c.status = 'approved' OR (c.status <> 'pending' AND EXISTS (
            SELECT 1 FROM comments r WHERE r.root_id = c.id AND r.id <> c.id AND r.status = 'approved')))
       AND (c.pinned_at IS NULL OR c.status <> 'approved')`;

/** Pinned comments head the first page (CommentsRepository.pinnedRoots) and leave the listing, so paging never shows one twice. */
export const MAX_PINNED_PER_ARTICLE = 3;

export function toSource(row: RawPublicRow): PublicCommentSource {
  return {
    id: Number(row.id),
    articleId: Number(row.articleId),
    parentId: row.parentId === null ? null : Number(row.parentId),
    replyToId: row.replyToId === null ? null : Number(row.replyToId),
    depth: Number(row.depth),
    sortPath: row.sortPath as string,
    authorName: row.authorName as string,
    authorWebsite: row.authorWebsite as string | null,
    authorAvatar: row.authorAvatar as string | null,
    body: row.body as string,
    status: row.status as CommentStatus,
    createdAt: row.createdAt as Date,
    editedAt: row.editedAt as Date | null,
    staff: row.staff as boolean,
    pinnedAt: row.pinnedAt as Date | null,
    editorsPick: row.editorsPick as boolean,
    moderatorEditedAt: row.moderatorEditedAt as Date | null,
    likeCount: Number(row.likeCount),
  };
}

/** Replies a thread page shows under one top-level comment (the first ones, depth-first). */
export const MAX_REPLIES_PER_ROOT = 500;

/** An author's new text and what the spam checks said of it. */
export type TextRevision = Pick<Comment, 'body' | 'duplicateKey' | 'spamScore' | 'spamReasons' | 'classifierP'>;

/** A status a comment is to move to; it moves from the status it was read in. */
export interface StatusMove {
  comment: Comment;
  to: CommentStatus;
}

/**
 * Every write to comments lives here but a new comment's (NewComments), and the queries readers'
 * pages make. (The moderation queue
 * reads comments through its own QueueRepository, with its filters and counts.)
 */
@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get comments() {
    return this.dataSource.getRepository(Comment);
  }

  findById(id: number): Promise<Comment | null> {
    return this.comments.findOneBy({ id });
  }

  findByIds(ids: number[]): Promise<Comment[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.comments.findBy({ id: In(ids) });
  }

  findByIdempotencyKey(siteId: number, idempotencyKey: string): Promise<Comment | null> {
    return this.comments.findOneBy({ siteId, idempotencyKey });
  }

  /**
   * Whether the email has an approved comment anywhere on the site: a known author. Once someone
   * proved the address on the site (src/notifications), only a comment that proves it too
   * (`verified`) is known by it: typing a trusted reader's address earns nothing. `exceptId`
   * leaves out the comment being judged, which cannot vouch for itself.
   */
  async hasApprovedFrom(siteId: number, authorEmail: string, options: { exceptId?: number; verified: boolean }): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM comments WHERE site_id = $1 AND author_email = $2 AND status = 'approved' AND id IS DISTINCT FROM $3::bigint)
              AND ($4 OR NOT EXISTS (SELECT 1 FROM reader_addresses WHERE site_id = $1 AND email = $2 AND verified_at IS NOT NULL)) AS known`,
      [siteId, authorEmail, options.exceptId ?? null, options.verified],
    );
    return row.known;
  }

  countApproved(articleId: number): Promise<number> {
    return this.comments.countBy({ articleId, status: 'approved' });
  }

  /**
   * Approved comments per canonical URL of the site's articles that exist, in one query: the
   * articles by their unique (site, url) index, their comments by comments_thread (article, status).
   * A URL without an article is absent.
   */
  async approvedCountsByUrl(siteId: number, urls: string[]): Promise<Map<string, number>> {
    const rows: Array<{ url: string; count: number }> = await this.dataSource.query(
      `SELECT a.url, (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved')::int AS count
         FROM articles a
        WHERE a.site_id = $1 AND a.url = ANY($2::text[])`,
      [siteId, urls],
    );
    return new Map(rows.map((row) => [row.url, Number(row.count)]));
  }

  /**
   * The comments, locked until the transaction ends, so their statuses hold still while they are
   * decided on: two moderators, or a flag and a moderator, take turns. `siteIds` (null: any site)
   * keeps the lock, and the answer, within the sites the caller may touch.
   */
  lockForChange(manager: EntityManager, ids: number[], siteIds: readonly number[] | null = null): Promise<Comment[]> {
    const query = manager.getRepository(Comment).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = ANY(:ids)', { ids });
    if (siteIds !== null) query.andWhere('c.site_id = ANY(:siteIds)', { siteIds: [...siteIds] });
    return query.orderBy('c.id').getMany();
  }

  /**
   * The one statement that changes comments' statuses. Each move is guarded by the status the
   * comment was read in, so of two concurrent changes the second is told (it is missing from the
   * answer), not lost; a move the lifecycle does not allow is a bug and throws. The comments that
   * moved get their new status, and are returned with where they came from.
   */
  async moveStatuses(
    moves: StatusMove[],
    by: StatusActor,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<StatusMove & { from: CommentStatus }>> {
    for (const { comment, to } of moves) {
      if (!canMove(comment.status, to, by)) throw new Error(`comment ${comment.id}: ${by} may not move it from ${comment.status} to ${to}`);
    }
    if (moves.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      // Selected from a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows.
      `WITH moved AS (
         UPDATE comments SET status = v.to_status, updated_at = now()
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, from_status, to_status)
          WHERE comments.id = v.id AND comments.status = v.from_status
          RETURNING comments.id
       )
       SELECT id FROM moved`,
      [moves.map((m) => m.comment.id), moves.map((m) => m.comment.status), moves.map((m) => m.to)],
    );
    const moved = new Set(rows.map((r) => Number(r.id)));
    return moves
      .filter((m) => moved.has(m.comment.id))
      .map(({ comment, to }) => {
        const from = comment.status;
        comment.status = to;
        return { comment, from, to };
      });
  }

  /**
   * An author's edit: the new text, its verdict, and the status the verdict leaves the comment in,
   * in one transaction. The status moves first, so a comment leaving the page is removed from it
   * before its new text is written: the outbox never sends held text live. null: the comment was
   * changed meanwhile (a moderator's decision), and nothing is written.
   */
  async revise(comment: Comment, text: TextRevision, to: CommentStatus): Promise<{ moved: (StatusMove & { from: CommentStatus }) | null } | null> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = await this.lockForChange(manager, [comment.id]);
      if (!locked || locked.status !== comment.status) return null;
      const [moved] = to === comment.status ? [] : await this.moveStatuses([{ comment, to }], 'kolom', manager);
      const written = { ...text, editedAt: new Date(), editedFrom: comment.body };
      await manager.getRepository(Comment).update({ id: comment.id }, written);
      Object.assign(comment, written);
      return { moved: moved ?? null };
    });
  }

  /** A page of top-level comments (LISTED_ROOT_SQL) by time; the top sort pages through ThreadRankingsRepository. */
  async pageOfRoots(articleId: number, sort: TimeSort, afterId: number | null, limit: number, picksOnly = false): Promise<PublicCommentSource[]> {
    const query = this.publicColumns('c')
      .where('c.article_id = :articleId AND c.parent_id IS NULL', { articleId })
      // The picks filter lists picked comments, pinned ones included (they are not shown first there).
      .andWhere(picksOnly ? `c.status = 'approved' AND c.editors_pick` : LISTED_ROOT_SQL)
      .orderBy('c.id', sort === 'oldest' ? 'ASC' : 'DESC')
      .limit(limit);
    if (afterId !== null) query.andWhere(sort === 'oldest' ? 'c.id > :afterId' : 'c.id < :afterId', { afterId });
    return (await query.getRawMany<RawPublicRow>()).map(toSource);
  }

  /** The article's pinned top-level comments, in the order they were pinned. */
  async pinnedRoots(articleId: number): Promise<PublicCommentSource[]> {
    const rows = await this.publicColumns('c')
      .where(`c.article_id = :articleId AND c.parent_id IS NULL AND c.status = 'approved' AND c.pinned_at IS NOT NULL`, { articleId })
      .orderBy('c.pinned_at', 'ASC')
      .getRawMany<RawPublicRow>();
    return rows.map(toSource);
  }

  /**
   * Pins a top-level comment (at most MAX_PINNED_PER_ARTICLE per article, counted under the
   * article's lock, so two moderators cannot both pin the fourth) or unpins one. Answers false when
   * the article already has as many pinned as it may.
   */
  async setPinned(comment: Comment, pinned: boolean): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM articles WHERE id = $1 FOR NO KEY UPDATE`, [comment.articleId]);
      if (pinned) {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM comments WHERE article_id = $1 AND pinned_at IS NOT NULL AND status = 'approved' AND id <> $2`,
          [comment.articleId, comment.id],
        );
        if (count >= MAX_PINNED_PER_ARTICLE) return false;
      }
      await manager.query(`UPDATE comments SET pinned_at = CASE WHEN $2 THEN COALESCE(pinned_at, now()) END WHERE id = $1`, [comment.id, pinned]);
      comment.pinnedAt = pinned ? (comment.pinnedAt ?? new Date()) : null;
      return true;
    });
  }

  async setEditorsPick(comment: Comment, pick: boolean): Promise<void> {
    await this.comments.update({ id: comment.id }, { editorsPick: pick });
    comment.editorsPick = pick;
  }

  /**
   * A moderator's new text for a comment (a redaction), with its duplicate key, in the audit
   * transaction the caller opens; the outbox trigger sends it to open pages when it is public.
   */
  async redact(manager: EntityManager, comment: Comment, body: string, duplicateKey: string): Promise<void> {
    const written = { body, duplicateKey, moderatorEditedAt: new Date() };
    await manager.getRepository(Comment).update({ id: comment.id }, written);
    Object.assign(comment, written);
  }

  /**
   * Approved replies under the given top-level comments, depth-first and oldest first: the first
   * MAX_REPLIES_PER_ROOT under each, so a page's size stays bounded however long a conversation grows.
   */
  async approvedReplies(rootIds: number[]): Promise<PublicCommentSource[]> {
    if (rootIds.length === 0) return [];
    const rows = await this.publicColumns('c')
      .where(
        `c.id IN (SELECT r.id FROM (SELECT id, row_number() OVER (PARTITION BY root_id ORDER BY sort_path) AS n
                                      FROM comments
                                     WHERE root_id IN (:...rootIds) AND parent_id IS NOT NULL AND status = 'approved') r
                   WHERE r.n <= :cap)`,
        { rootIds, cap: MAX_REPLIES_PER_ROOT },
      )
      .orderBy('c.sort_path', 'ASC')
      .getRawMany<RawPublicRow>();
    return rows.map(toSource);
  }

  async byIds(ids: number[]): Promise<PublicCommentSource[]> {
    if (ids.length === 0) return [];
    return (await this.publicColumns('c').where('c.id IN (:...ids)', { ids }).getRawMany<RawPublicRow>()).map(toSource);
  }

  private publicColumns(alias: string): SelectQueryBuilder<Comment> {
    return selectPublicColumns(this.comments.createQueryBuilder(alias).select([]), alias);
  }
}

/** Adds the columns of the public shape, read from the comments table under `alias`. */
export function selectPublicColumns<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string): SelectQueryBuilder<T> {
  for (const [field, column] of Object.entries(PUBLIC_COLUMNS)) query.addSelect(`${alias}.${column}`, field);
  return query;
}
