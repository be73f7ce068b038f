import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, pageOf, rowsToRead } from '../../http/cursor.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { type AuditAction, ModerationAction } from './moderation-action.entity.js';
import type { PublicAuditEntry } from '../moderation-answers.js';

export type { PublicAuditEntry } from '../moderation-answers.js';

export interface AuditEntry {
  action: AuditAction;
  siteId?: number | null;
  commentId?: number | null;
  articleId?: number | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  /** Null: every site the reader may see. */
  siteId: number | null;
  moderatorId?: number;
  commentId?: number;
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  entries: PublicAuditEntry[];
  nextCursor: string | null;
}

const AUDIT_CURSOR = 'audit';

/** The moderation audit log: written inside each action's own transaction, read by moderators. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `by` null: Kolom itself acted. */
  async record(manager: EntityManager, by: ModeratorIdentity | null, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ModerationAction)
      .values(
        entries.map((entry) => ({
          siteId: entry.siteId ?? null,
          moderatorId: by?.id ?? null,
          moderatorEmail: by?.email ?? null,
          action: entry.action,
          commentId: entry.commentId ?? null,
          articleId: entry.articleId ?? null,
          fromStatus: entry.from ?? null,
          toStatus: entry.to ?? null,
          note: entry.note ?? null,
          detail: (entry.detail ?? {}) as ModerationAction['detail'] & object,
        })),
      )
      .updateEntity(false)
      .execute();
  }

  /**
   * Newest first. Moderators read their sites' entries; only admins read the account changes,
   * which belong to no site.
   */
  async list(reader: ModeratorIdentity, query: AuditQuery): Promise<AuditPage> {
    const beforeId = query.cursor ? decodeCursor(query.cursor, AUDIT_CURSOR) : null;
    const builder = this.dataSource.getRepository(ModerationAction).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(rowsToRead(query.limit));
    if (query.siteId !== null) builder.andWhere('a.site_id = :siteId', { siteId: query.siteId });
    else if (!reader.isAdmin) builder.andWhere('a.site_id IN (:...siteIds)', { siteIds: [...reader.siteIds, -1] });
    if (query.moderatorId !== undefined) builder.andWhere('a.moderator_id = :moderatorId', { moderatorId: query.moderatorId });
    if (query.commentId !== undefined) builder.andWhere('a.comment_id = :commentId', { commentId: query.commentId });
    if (beforeId !== null) builder.andWhere('a.id < :beforeId', { beforeId });
    const { items, nextCursor } = pageOf(await builder.getMany(), query.limit, AUDIT_CURSOR, (row) => row.id);
    return { entries: items.map(toPublicEntry), nextCursor };
  }

  /** The status each comment had before it last entered its current one, by a moderator's hand. */
  async statusesBefore(manager: EntityManager, comments: Array<{ id: number; status: string }>): Promise<Map<number, string>> {
    if (comments.length === 0) return new Map();
    const rows: Array<{ comment_id: string; from_status: string }> = await manager.query(
      `SELECT DISTINCT ON (a.comment_id) a.comment_id, a.from_status
         FROM moderation_actions a
         JOIN unnest($1::bigint[], $2::text[]) AS c(id, status) ON c.id = a.comment_id AND a.to_status = c.status
        WHERE a.from_status IS NOT NULL AND a.from_status <> a.to_status
        ORDER BY a.comment_id, a.id DESC`,
      [comments.map((c) => c.id), comments.map((c) => c.status)],
    );
    return new Map(rows.map((row) => [Number(row.comment_id), row.from_status]));
  }
}

function toPublicEntry(row: ModerationAction): PublicAuditEntry {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    action: row.action,
    moderator: row.moderatorId === null ? null : { id: row.moderatorId, email: row.moderatorEmail ?? '' },
    siteId: row.siteId,
    commentId: row.commentId,
    articleId: row.articleId,
    from: row.fromStatus,
    to: row.toStatus,
    note: row.note,
    detail: row.detail,
  };
}
