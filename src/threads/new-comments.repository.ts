import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { DATABASE_TARGET } from '../database/database.module.js';
import type { DatabaseTarget } from '../database/database-target.js';
import { NamedStatements } from '../database/named-statements.js';
import { Comment } from './comment.entity.js';
import { sortPathSql } from './sort-path.js';

/** What the duplicate and flood checks compare. */
export type RepeatKey = Pick<Comment, 'siteId' | 'articleId' | 'replyToId' | 'authorEmail' | 'authorAccount' | 'ip' | 'duplicateKey'>;

/**
 * The duplicate and flood checks as two boolean columns, from SQL expressions for their inputs.
 * Duplicate is WordPress's query (wp_allow_comment): same article, same parent (the comment replied
 * to: Kolom may hang a deep reply beside it), same email, same name and text (the key), any status
 * but trash — a held or spam comment repeated is still a repeat; one its author deleted is not.
 */
function repeatChecksSql(
  siteId: string,
  articleId: string,
  replyToId: string,
  email: string,
  account: string,
  ip: string,
  key: string,
  floodSeconds: string,
): string {
  // A signed-in reader is the same author under any email the site gives them: the account counts too.
  const sameAuthor = `(author_email = ${email} OR (${account}::text IS NOT NULL AND author_account = ${account}::text))`;
  return `EXISTS (SELECT 1 FROM comments
                   WHERE article_id = ${articleId} AND reply_to_id IS NOT DISTINCT FROM ${replyToId}::bigint
                     AND duplicate_key = ${key} AND ${sameAuthor}
                     AND status NOT IN ('trash', 'deleted')) AS duplicate,
          (${floodSeconds}::int > 0 AND EXISTS (SELECT 1 FROM comments
                   WHERE site_id = ${siteId} AND (${sameAuthor} OR ip = ${ip}::inet)
                     AND created_at > now() - make_interval(secs => ${floodSeconds}::int))) AS flood`;
}

const RECENT_ACTIVITY_SQL = `SELECT ${repeatChecksSql('$1', '$2', '$3', '$4', '$8', '$5', '$6', '$7')}`;

export interface RecentActivity {
  duplicate: boolean;
  flood: boolean;
}

/** A comment to insert: everything but what the database assigns (id, tree position, timestamps). */
export type NewComment = Omit<
  Comment,
  | 'id'
  | 'rootId'
  | 'sortPath'
  | 'createdAt'
  | 'updatedAt'
  | 'article'
  | 'parent'
  | 'staff'
  | 'moderatorId'
  | 'moderatorEditedAt'
  | 'pinnedAt'
  | 'editorsPick'
  | 'likeCount'
> &
  /** A staff reply from the desk (CommentsService.postAsStaff); readers' comments leave these out. */
  Partial<Pick<Comment, 'staff' | 'moderatorId'>> & {
    /** The tree parent's root and sort path; null for a top-level comment. */
    parentRootId: number | null;
    parentSortPath: string | null;
  };

/**
 * A new comment's way in: the duplicate and flood checks, and the insert that asks them again under
 * the author's locks. The fixed SQL of every post, so it is sent as named prepared statements.
 */
@Injectable()
export class NewComments {
  private readonly statements: NamedStatements;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_TARGET) database: DatabaseTarget,
  ) {
    this.statements = new NamedStatements(!database.embedded);
  }

  private get pool(): pg.Pool {
    return (this.dataSource.driver as PostgresDriver).master as pg.Pool;
  }

  /**
   * WordPress's duplicate check (see repeatChecksSql) and flood check (same email or IP on the
   * site within the last `floodSeconds`), asked
   * before the costly spam checks so a repeat is refused cheaply. The insert asks again.
   */
  async recentActivity(comment: RepeatKey, floodSeconds: number): Promise<RecentActivity> {
    const [row] = await this.statements.rows(this.pool, 'kolom-recent-activity', RECENT_ACTIVITY_SQL, [
      comment.siteId,
      comment.articleId,
      comment.replyToId,
      comment.authorEmail,
      comment.ip,
      comment.duplicateKey,
      floodSeconds,
      comment.authorAccount,
    ]);
    return { duplicate: row.duplicate, flood: row.flood };
  }

  /**
   * Inserts the comment unless the duplicate or flood check objects. Checks, id, sort path and
   * insert are one statement, committed on its own, after session advisory locks on the author's
   * email and address on the site: of two posts racing from one author, the second waits for the
   * first to commit and then sees it, so neither check can be beaten by sending in parallel.
   * Not one transaction around both: the insert locks its article's row until it commits (the
   * outbox keeps each article's events in commit order), and a transaction would hold that lock
   * for a round trip to this process and back — every post on a busy article would queue on it.
   */
  async insertUnlessRepeated(comment: NewComment, floodSeconds: number): Promise<{ inserted: Comment } | { repeated: RecentActivity }> {
    const keys = [
      `email|${comment.siteId}|${comment.authorEmail}`,
      ...(comment.ip ? [`ip|${comment.siteId}|${comment.ip}`] : []),
      ...(comment.authorAccount ? [`account|${comment.siteId}|${comment.authorAccount}`] : []),
    ];
    const [row] = await this.withAuthorLocks(keys, (client) =>
      this.statements.rows(
        client,
        'kolom-insert-comment',
        `WITH checks AS (
         SELECT ${repeatChecksSql('$1', '$2', '$4', '$9', '$23', '$16', '$12', '$20')}
       ), next AS (
         SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id FROM checks WHERE NOT duplicate AND NOT flood
       ), inserted AS (
         INSERT INTO comments (id, site_id, article_id, parent_id, reply_to_id, root_id, depth, sort_path,
                               author_name, author_email, author_website, body, duplicate_key, status,
                               spam_score, spam_reasons, ip, user_agent, idempotency_key, edit_token_hash,
                               notify_replies, author_verified, author_account, author_avatar, staff, moderator_id,
                               classifier_p)
         SELECT next.id, $1, $2, $3, $4, COALESCE($5, next.id), $6,
                ${sortPathSql('$7', 'next.id')},
                $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $21, $22, $23, $24, $25, $26, $27
           FROM next
         RETURNING id, root_id, sort_path, created_at, updated_at
       )
       SELECT checks.duplicate, checks.flood, inserted.* FROM checks LEFT JOIN inserted ON true`,
        [
          comment.siteId,
          comment.articleId,
          comment.parentId,
          comment.replyToId,
          comment.parentRootId,
          comment.depth,
          comment.parentSortPath,
          comment.authorName,
          comment.authorEmail,
          comment.authorWebsite,
          comment.body,
          comment.duplicateKey,
          comment.status,
          comment.spamScore,
          JSON.stringify(comment.spamReasons),
          comment.ip,
          comment.userAgent,
          comment.idempotencyKey,
          comment.editTokenHash,
          floodSeconds,
          comment.notifyReplies,
          comment.authorVerified,
          comment.authorAccount,
          comment.authorAvatar,
          comment.staff ?? false,
          comment.moderatorId ?? null,
          comment.classifierP,
        ],
      ),
    );
    if (row.id === null) return { repeated: { duplicate: row.duplicate, flood: row.flood } };
    const { parentRootId: _root, parentSortPath: _path, ...fields } = comment;
    const inserted = Object.assign(new Comment(), fields, {
      id: Number(row.id),
      rootId: Number(row.root_id),
      sortPath: row.sort_path,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      likeCount: 0,
    });
    return { inserted };
  }

  /**
   * Runs `work` on one connection holding session advisory locks on `keys`, taken in one order by
   * every caller (so two never wait on each other's second lock) and released after it, whatever
   * happened. If the unlock fails, every lock of the session is dropped instead; a connection that
   * broke meanwhile is closed by the pool, and its locks end with it.
   */
  private async withAuthorLocks<T>(keys: string[], work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner() as PostgresQueryRunner;
    const lockKeys = 'SELECT DISTINCT hashtext(key) AS k FROM unnest($1::text[]) AS key ORDER BY k';
    try {
      const client = (await runner.connect()) as pg.ClientBase;
      await this.statements.rows(client, 'kolom-author-lock', `SELECT pg_advisory_lock(k) FROM (${lockKeys}) AS keys`, [keys]);
      try {
        return await work(client);
      } finally {
        await this.statements
          .rows(client, 'kolom-author-unlock', `SELECT pg_advisory_unlock(k) FROM (${lockKeys}) AS keys`, [keys])
          .catch(() => runner.query('SELECT pg_advisory_unlock_all()'))
          .catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }
}
