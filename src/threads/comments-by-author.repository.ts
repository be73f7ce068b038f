import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Comment } from './comment.entity.js';
import type { CommentStatus } from './comment-status.js';
import { ERASED_COMMENT_SET } from './comments.repository.js';

/** A comment as its author's own copy shows it (a privacy export): their personal data included. */
export interface AuthorsComment {
  id: number;
  articleUrl: string;
  articleTitle: string | null;
  replyTo: number | null;
  name: string;
  email: string;
  website: string | null;
  body: string;
  status: CommentStatus;
  ip: string | null;
  userAgent: string | null;
  notifyReplies: boolean;
  verified: boolean;
  createdAt: string;
  editedAt: string | null;
}

/**
 * Comments by their author's address on a site, for what the author does through Kolom's email
 * (src/notifications): proving the address, stopping reply emails, their own copy, their erasure.
 */
@Injectable()
export class CommentsByAuthorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hasAny(manager: EntityManager, siteId: number, email: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT EXISTS (SELECT 1 FROM comments WHERE site_id = $1 AND author_email = $2) AS has`, [siteId, email]);
    return row.has;
  }

  /**
   * A confirmation link was followed: the comment it was sent for, and the later ones from the
   * same address on the site that asked for reply emails meanwhile, now speak for the address.
   */
  async verifyAuthor(manager: EntityManager, siteId: number, email: string, fromCommentId: number): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE comments SET author_verified = true
        WHERE site_id = $1 AND author_email = $2 AND notify_replies AND NOT author_verified AND id >= $3`,
      [siteId, email, fromCommentId],
    );
    return count;
  }

  /** No more reply emails for the address's comments in one thread, or (articleId null) on the whole site. */
  async stopReplyEmails(manager: EntityManager, siteId: number, email: string, articleId: number | null): Promise<void> {
    await manager.query(
      `UPDATE comments SET notify_replies = false
        WHERE site_id = $1 AND author_email = $2 AND notify_replies AND ($3::bigint IS NULL OR article_id = $3::bigint)`,
      [siteId, email, articleId],
    );
  }

  /** Every comment posted with the address on the site, with what Kolom keeps of it, for the author's own copy. */
  async byAuthor(siteId: number, email: string): Promise<AuthorsComment[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, a.url AS article_url, a.title AS article_title, c.reply_to_id, c.author_name, c.author_email, c.author_website,
              c.body, c.status, c.ip, c.user_agent, c.notify_replies, c.author_verified, c.created_at, c.edited_at
         FROM comments c JOIN articles a ON a.id = c.article_id
        WHERE c.site_id = $1 AND c.author_email = $2 AND c.status <> 'deleted'
        ORDER BY c.id`,
      [siteId, email],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      articleUrl: row.article_url as string,
      articleTitle: row.article_title as string | null,
      replyTo: row.reply_to_id === null ? null : Number(row.reply_to_id),
      name: row.author_name as string,
      email: row.author_email as string,
      website: row.author_website as string | null,
      body: row.body as string,
      status: row.status as CommentStatus,
      ip: row.ip as string | null,
      userAgent: row.user_agent as string | null,
      notifyReplies: row.notify_replies as boolean,
      verified: row.author_verified as boolean,
      createdAt: (row.created_at as Date).toISOString(),
      editedAt: row.edited_at === null ? null : (row.edited_at as Date).toISOString(),
    }));
  }

  /**
   * Erases every comment posted with the address on the site, whatever its status: the text and
   * every personal field are wiped and it becomes `deleted`, which the thread shows as a
   * placeholder where replies hang under it and not at all otherwise. Outside the lifecycle on
   * purpose: the author's right to erasure outranks a moderator's verdict (spam and trash go too).
   * The outbox trigger removes the public ones from open pages.
   */
  async eraseAuthor(manager: EntityManager, siteId: number, email: string): Promise<Array<{ comment: Comment; from: CommentStatus }>> {
    const rows: Array<{ id: string; from_status: CommentStatus }> = await manager.query(
      `WITH erased AS (
         UPDATE comments c SET ${ERASED_COMMENT_SET}
           FROM (SELECT id, status FROM comments WHERE site_id = $1 AND author_email = $2 FOR UPDATE) AS before
          WHERE c.id = before.id
          RETURNING c.id, before.status AS from_status
       )
       SELECT id, from_status FROM erased ORDER BY id`,
      [siteId, email],
    );
    const comments = await manager.getRepository(Comment).findBy({ id: In(rows.map((row) => Number(row.id))) });
    const byId = new Map(comments.map((comment) => [comment.id, comment]));
    return rows.map((row) => ({ comment: byId.get(Number(row.id))!, from: row.from_status }));
  }
}
