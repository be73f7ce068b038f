import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { resolveSettings, type SiteSettings } from '../sites/site-settings.js';
import { ERASED_COMMENT_SET } from '../threads/comments.repository.js';

/**
 * The comment `c` has replies, or replies addressed to it past the deepest level (reply_to_id,
 * which the thread shows): all in its own tree, found through comments_tree.
 */
const HAS_REPLIES = `EXISTS (SELECT 1 FROM comments r WHERE r.root_id = c.root_id AND r.id <> c.id AND (r.parent_id = c.id OR r.reply_to_id = c.id))`;

export type HousekeepingJob = 'purge' | 'placeholders' | 'addresses' | 'events';

/** Where the next batch of outbox events starts: after the last one deleted. */
export interface EventsCursor {
  createdAt: Date;
  id: number;
}

/**
 * Housekeeping's SQL, one short transaction per batch. Each batch first takes its job's
 * transaction-scoped advisory lock without waiting: a node that finds it taken leaves the job to
 * the node holding it for this round. Rows are claimed with SKIP LOCKED, so a batch never waits for
 * a moderator or a reader touching a comment, and never makes them wait longer than its own few
 * milliseconds.
 */
@Injectable()
export class HousekeepingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async sites(): Promise<Array<{ id: number; settings: SiteSettings }>> {
    const rows: Array<{ id: number; settings: Partial<SiteSettings> | null }> = await this.dataSource.query(`SELECT id, settings FROM sites ORDER BY id`);
    return rows.map((row) => ({ id: Number(row.id), settings: resolveSettings(row.settings) }));
  }

  /**
   * Deletes up to `limit` of the site's spam and trash last moved before `before` that nothing
   * hangs from: no reply (comments.parent_id cascades, and would take approved replies with it) and
   * no reply addressed to it past the deepest level (reply_to_id, which the thread shows). A purged
   * reply frees its parent for the next batch. Their flags, likes and classifier lesson go with them
   * (ON DELETE CASCADE; what the classifier learned stays in its token counts); their mail events
   * too (no foreign key there). null: another node holds the job.
   */
  purgeBatch(siteId: number, before: Date, limit: number): Promise<number | null> {
    return this.locked('purge', async (manager) => {
      const [{ count }] = await manager.query(
        `WITH doomed AS (
           SELECT c.id FROM comments c
            WHERE c.site_id = $1 AND c.status IN ('spam', 'trash') AND c.updated_at < $2
              AND NOT ${HAS_REPLIES}
            ORDER BY c.updated_at
            LIMIT $3
            FOR UPDATE OF c SKIP LOCKED
         ), gone AS (
           DELETE FROM comments c USING doomed WHERE c.id = doomed.id RETURNING c.id
         ), mail AS (
           DELETE FROM mail_events m USING gone WHERE m.kind IN ('reply', 'held', 'confirm') AND m.comment_id = gone.id
         )
         SELECT count(*)::int AS count FROM gone`,
        [siteId, before, limit],
      );
      return count as number;
    });
  }

  /**
   * Spam and trash due for purging that replies still hang from (what purgeBatch left) become
   * erased placeholders: the text and everything about the author go, the replies keep their place
   * in the thread, which already showed the comment as removed. Outside the lifecycle on purpose, as
   * readers' erasure is: the site's retention outranks a moderator's later change of mind.
   */
  placeholderBatch(siteId: number, before: Date, limit: number): Promise<number | null> {
    return this.locked('placeholders', async (manager) => {
      const [{ count }] = await manager.query(
        `WITH due AS (
           SELECT c.id FROM comments c
            WHERE c.site_id = $1 AND c.status IN ('spam', 'trash') AND c.updated_at < $2 AND ${HAS_REPLIES}
            ORDER BY c.updated_at LIMIT $3
            FOR NO KEY UPDATE SKIP LOCKED
         ), erased AS (
           UPDATE comments c SET ${ERASED_COMMENT_SET} FROM due WHERE c.id = due.id RETURNING c.id
         )
         SELECT count(*)::int AS count FROM erased`,
        [siteId, before, limit],
      );
      return count as number;
    });
  }

  /** Erases the IP address and user agent of up to `limit` of the site's comments posted before `before`, whatever their status. */
  eraseAddressesBatch(siteId: number, before: Date, limit: number): Promise<number | null> {
    return this.locked('addresses', async (manager) => {
      const [{ count }] = await manager.query(
        `WITH due AS (
           SELECT id FROM comments
            WHERE site_id = $1 AND created_at < $2 AND (ip IS NOT NULL OR user_agent IS NOT NULL)
            ORDER BY created_at LIMIT $3
            FOR NO KEY UPDATE SKIP LOCKED
         ), erased AS (
           UPDATE comments c SET ip = NULL, user_agent = NULL FROM due WHERE c.id = due.id RETURNING c.id
         )
         SELECT count(*)::int AS count FROM erased`,
        [siteId, before, limit],
      );
      return count as number;
    });
  }

  /**
   * Deletes up to `limit` outbox events created before `before`, oldest first from `after`, never
   * an article's newest (the thread page's lastEventId, where a fresh reader starts replaying).
   * Answers how many went and where the next batch starts; null: another node holds the job.
   */
  eventsBatch(before: Date, after: EventsCursor | null, limit: number): Promise<{ deleted: number; next: EventsCursor | null } | null> {
    return this.locked('events', async (manager) => {
      const rows: Array<{ id: string; created_at: Date }> = await manager.query(
        `WITH doomed AS (
           SELECT e.id FROM article_events e
            WHERE e.created_at < $1 AND ($2::timestamptz IS NULL OR (e.created_at, e.id) > ($2::timestamptz, $3::bigint))
              AND EXISTS (SELECT 1 FROM article_events n WHERE n.article_id = e.article_id AND n.id > e.id)
            ORDER BY e.created_at, e.id LIMIT $4
            FOR UPDATE SKIP LOCKED
         ), gone AS (
           DELETE FROM article_events e USING doomed WHERE e.id = doomed.id RETURNING e.id, e.created_at
         )
         SELECT id, created_at FROM gone`,
        [before, after?.createdAt ?? null, after?.id ?? 0, limit],
      );
      if (rows.length === 0) return { deleted: 0, next: after };
      // Dates drop microseconds, so the cursor may sit a little early: an event passed again is one
      // kept as its article's newest, never one missed.
      const last = rows
        .map((row) => ({ createdAt: row.created_at, id: Number(row.id) }))
        .sort(byAge)
        .at(-1)!;
      return { deleted: rows.length, next: last };
    });
  }

  private locked<T>(job: HousekeepingJob, work: (manager: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`kolom.housekeeping.${job}`]);
      return locked ? work(manager) : null;
    });
  }
}

function byAge(a: EventsCursor, b: EventsCursor): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}
