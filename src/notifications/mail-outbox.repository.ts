import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type MailEventKind = 'reply' | 'held' | 'confirm';
export type MailKind = 'confirmation' | 'replies' | 'held' | 'privacy-export' | 'privacy-erase';

/** Something that happened to a comment that may call for mail, written by the comments trigger. */
export interface MailEvent {
  id: number;
  kind: MailEventKind;
  commentId: number;
}

/** A message in the outbox, as the worker claims it. */
export interface OutgoingMail {
  id: number;
  siteId: number;
  kind: MailKind;
  recipient: string;
  addressId: number | null;
  moderatorId: number | null;
  articleId: number | null;
  commentIds: number[];
  attempts: number;
  createdAt: Date;
}

/** A message to add; `collect` lets later comments join it while it waits (replies, digests). */
export interface NewMail {
  siteId: number;
  kind: MailKind;
  recipient: string;
  addressId?: number | null;
  moderatorId?: number | null;
  articleId?: number | null;
  commentIds?: number[];
  /** waiting: for its reader to confirm the address; queued: to send once due. */
  status?: 'waiting' | 'queued';
  /** At most one such message is sent in this many minutes; one arriving sooner waits, collecting. */
  spacingMinutes?: number;
}

interface MessageRow {
  id: string;
  site_id: number;
  kind: MailKind;
  recipient: string;
  address_id: string | null;
  moderator_id: number | null;
  article_id: string | null;
  comment_ids: string[];
  attempts: number;
  created_at: Date;
}

function toMail(row: MessageRow): OutgoingMail {
  return {
    id: Number(row.id),
    siteId: row.site_id,
    kind: row.kind,
    recipient: row.recipient,
    addressId: row.address_id === null ? null : Number(row.address_id),
    moderatorId: row.moderator_id,
    articleId: row.article_id === null ? null : Number(row.article_id),
    commentIds: row.comment_ids.map(Number),
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/** How long a claimed message is the claimer's; past it, another node takes it (its sender died). */
const CLAIM_MINUTES = 5;

/**
 * The mail outbox: `mail_events` (what happened, written by the comments trigger in the same
 * transaction) and `mail_messages` (what to send to whom, and when). Every node's worker takes
 * rows with SKIP LOCKED, so each event is turned into mail once and each message sent by one node.
 */
@Injectable()
export class MailOutbox {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Hands a batch of unprocessed events to `expand` in one transaction, which marks them processed
   * when it commits: messages are added exactly when their events are used up.
   */
  async processEvents(limit: number, expand: (manager: EntityManager, event: MailEvent) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; kind: MailEventKind; comment_id: string }> = await manager.query(
        `SELECT id, kind, comment_id FROM mail_events WHERE processed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      for (const row of rows) await expand(manager, { id: Number(row.id), kind: row.kind, commentId: Number(row.comment_id) });
      if (rows.length > 0) await manager.query(`UPDATE mail_events SET processed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** With mail off, events are dropped as they come: nobody is owed a message later. */
  async dropEvents(): Promise<void> {
    await this.dataSource.query(`DELETE FROM mail_events WHERE processed_at IS NULL`);
  }

  /**
   * Adds a message, or, when it collects and an unsent one of its kind for the same reader and
   * thread (or moderator and site) is waiting, adds the comments to that one. A new collecting
   * message is due `spacingMinutes` after the last one sent, or now.
   */
  async add(manager: EntityManager, mail: NewMail): Promise<void> {
    const status = mail.status ?? 'queued';
    const commentIds = mail.commentIds ?? [];
    if (mail.spacingMinutes !== undefined) {
      const [open] = await manager.query(
        `SELECT id, status FROM mail_messages
          WHERE site_id = $1 AND recipient = $2 AND kind = $3 AND article_id IS NOT DISTINCT FROM $4::bigint
            AND status IN ('waiting', 'queued')
          ORDER BY id DESC LIMIT 1 FOR UPDATE`,
        [mail.siteId, mail.recipient, mail.kind, mail.articleId ?? null],
      );
      if (open) {
        await manager.query(
          `UPDATE mail_messages SET comment_ids = comment_ids || $2::bigint[],
                  status = CASE WHEN $3 = 'queued' THEN 'queued' ELSE status END
            WHERE id = $1`,
          [open.id, commentIds, status],
        );
        return;
      }
    }
    await manager.query(
      `INSERT INTO mail_messages (site_id, kind, recipient, address_id, moderator_id, article_id, comment_ids, status, send_after)
       SELECT $1, $2, $3, $4, $5, $6, $7::bigint[], $8,
              GREATEST(now(), COALESCE((SELECT max(COALESCE(sent_at, now())) FROM mail_messages
                                         WHERE site_id = $1 AND recipient = $3 AND kind = $2
                                           AND article_id IS NOT DISTINCT FROM $6::bigint AND status IN ('sent', 'sending')), '-infinity')
                              + make_interval(secs => $9::float8 * 60))`,
      [
        mail.siteId,
        mail.kind,
        mail.recipient,
        mail.addressId ?? null,
        mail.moderatorId ?? null,
        mail.articleId ?? null,
        commentIds,
        status,
        mail.spacingMinutes ?? 0,
      ],
    );
  }

  /** Every message to the address from the site, sent or not (an erasure forgets them). */
  async forgetRecipient(manager: EntityManager, siteId: number, recipient: string): Promise<void> {
    await manager.query(`DELETE FROM mail_messages WHERE site_id = $1 AND recipient = $2`, [siteId, recipient]);
  }

  /** A confirmed address's waiting messages go out. */
  async releaseWaiting(manager: EntityManager, addressId: number): Promise<void> {
    await manager.query(`UPDATE mail_messages SET status = 'queued' WHERE address_id = $1 AND status = 'waiting'`, [addressId]);
  }

  /** Whether a message of this kind went, or is going, to the address since `sinceMinutes` ago. */
  async sentRecently(siteId: number, recipient: string, kind: MailKind, sinceMinutes: number): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM mail_messages
                       WHERE site_id = $1 AND recipient = $2 AND kind = $3 AND status <> 'cancelled'
                         AND created_at > now() - make_interval(mins => $4)) AS recent`,
      [siteId, recipient, kind, sinceMinutes],
    );
    return row.recent;
  }

  /**
   * Takes up to `limit` due messages for this node: queued ones whose time has come, and ones a
   * node claimed and never finished (it died mid-send). Each is this node's for CLAIM_MINUTES.
   */
  async claimDue(limit: number): Promise<OutgoingMail[]> {
    const rows: MessageRow[] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM mail_messages
          WHERE (status = 'queued' AND send_after <= now()) OR (status = 'sending' AND claimed_until < now())
          ORDER BY send_after LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE mail_messages m SET status = 'sending', attempts = m.attempts + 1, claimed_until = now() + make_interval(mins => ${CLAIM_MINUTES})
           FROM due WHERE m.id = due.id
         RETURNING m.id, m.site_id, m.kind, m.recipient, m.address_id, m.moderator_id, m.article_id, m.comment_ids, m.attempts, m.created_at
       )
       -- Selected from a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows.
       SELECT * FROM claimed ORDER BY id`,
      [limit],
    );
    return rows.map(toMail);
  }

  async markSent(id: number): Promise<void> {
    await this.dataSource.query(`UPDATE mail_messages SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1`, [id]);
  }

  /** Nothing left worth sending (the replies were removed, the comment was already moderated, the reader left). */
  async markCancelled(id: number): Promise<void> {
    await this.dataSource.query(`UPDATE mail_messages SET status = 'cancelled', claimed_until = NULL WHERE id = $1`, [id]);
  }

  async retryLater(id: number, delaySeconds: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_messages SET status = 'queued', claimed_until = NULL, send_after = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`,
      [id, delaySeconds, error],
    );
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE mail_messages SET status = 'failed', claimed_until = NULL, last_error = $2 WHERE id = $1`, [id, error]);
  }

  /** Counts for /health and the operator: messages still to send, and those given up on in the last day. */
  async counts(): Promise<{ queued: number; failed: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('queued', 'sending')) AS queued,
              count(*) FILTER (WHERE status = 'failed' AND created_at > now() - interval '1 day') AS failed
         FROM mail_messages WHERE status IN ('queued', 'sending', 'failed')`,
    );
    return { queued: Number(row.queued), failed: Number(row.failed) };
  }

  /** Forgets what is done: sent, cancelled and failed messages, used events and spent tokens, after 30 days. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM mail_messages WHERE status IN ('sent', 'cancelled', 'failed') AND created_at < now() - interval '30 days'`);
    await this.dataSource.query(`DELETE FROM mail_messages WHERE status = 'waiting' AND created_at < now() - interval '8 days'`);
    await this.dataSource.query(`DELETE FROM mail_events WHERE processed_at < now() - interval '30 days'`);
    await this.dataSource.query(`DELETE FROM mail_token_uses WHERE expires_at < now()`);
  }
}
