import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A comment as a message shows it, with its article. */
export interface CommentMaterial {
  id: number;
  article_id: string;
  author_name: string;
  author_email: string;
  author_website: string | null;
  body: string;
  status: string;
  spam_reasons: string[];
  url: string;
  title: string | null;
}

/** A published reply and the comment it answers, as MailPlanner decides who hears of it. */
export interface ReplyContext {
  site_id: number;
  article_id: string;
  replier: string;
  parent_id: string;
  recipient: string;
  notify_replies: boolean;
  author_verified: boolean;
  parent_status: string;
}

export interface HeldMailModerator {
  id: number;
  email: string;
  held_mail: 'each' | 'digest';
  held_mail_minutes: number;
}

/** What mail is planned from and made of: comments, their articles, the moderators who want word of them. */
@Injectable()
export class MailMaterial {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async replyContext(manager: EntityManager, replyId: number): Promise<ReplyContext | undefined> {
    const [row]: ReplyContext[] = await manager.query(
      `SELECT r.site_id, r.article_id, r.author_email AS replier, p.id AS parent_id, p.author_email AS recipient,
              p.notify_replies, p.author_verified, p.status AS parent_status
         FROM comments r JOIN comments p ON p.id = r.reply_to_id
        WHERE r.id = $1 AND r.status = 'approved'`,
      [replyId],
    );
    return row;
  }

  /** The site of a comment still held; undefined once it is decided. */
  async heldCommentSite(manager: EntityManager, commentId: number): Promise<number | undefined> {
    const [row]: Array<{ site_id: number }> = await manager.query(`SELECT site_id FROM comments WHERE id = $1 AND status = 'pending'`, [commentId]);
    return row?.site_id;
  }

  /** The site's moderators (and every admin) who want held-comment mail; an account never signed in to has no inbox anyone reads. */
  heldMailModerators(manager: EntityManager, siteId: number): Promise<HeldMailModerator[]> {
    return manager.query(
      `SELECT m.id, m.email, m.held_mail, m.held_mail_minutes FROM moderators m
        WHERE m.held_mail <> 'none' AND NOT m.must_change_password
          AND (m.role = 'admin' OR EXISTS (SELECT 1 FROM moderator_sites s WHERE s.moderator_id = m.id AND s.site_id = $1))`,
      [siteId],
    );
  }

  /** A comment that asked for reply emails from an address it does not prove, and was not judged spam. */
  async unprovenAsker(manager: EntityManager, commentId: number): Promise<{ site_id: number; author_email: string } | undefined> {
    const [row]: Array<{ site_id: number; author_email: string }> = await manager.query(
      `SELECT site_id, author_email FROM comments WHERE id = $1 AND notify_replies AND NOT author_verified AND status IN ('approved', 'pending')`,
      [commentId],
    );
    return row;
  }

  async comments(ids: number[], statuses: string[]): Promise<CommentMaterial[]> {
    const rows: Array<CommentMaterial & { id: string }> = await this.dataSource.query(
      `SELECT c.id, c.article_id, c.author_name, c.author_email, c.author_website, c.body, c.status, c.spam_reasons, a.url, a.title
         FROM comments c JOIN articles a ON a.id = c.article_id
        WHERE c.id = ANY($1::bigint[]) AND c.status = ANY($2::text[])
        ORDER BY c.id`,
      [ids, statuses],
    );
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /** Whether the reader still wants reply emails in the thread: not unsubscribed from it, nor from the site. */
  async repliesStillWanted(addressId: number, articleId: number): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM reader_addresses a
                       WHERE a.id = $1 AND a.unsubscribed_at IS NULL
                         AND EXISTS (SELECT 1 FROM comments c
                                      WHERE c.site_id = a.site_id AND c.article_id = $2 AND c.author_email = a.email AND c.notify_replies)) AS wanted`,
      [addressId, articleId],
    );
    return row.wanted;
  }
}
