import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { fieldError } from '../../http/field-error.js';
import type { BanKind } from '../../spam/ban.entity.js';
import { BansService } from '../../spam/bans.service.js';
import { CommentStatusEvents } from '../../threads/comment-events.js';
import type { Comment } from '../../threads/comment.entity.js';
import type { CommentStatus } from '../../threads/comment-status.js';
import { CommentsRepository } from '../../threads/comments.repository.js';
import { AuditLog } from '../audit/audit-log.js';
import type { CommentAction } from './dto/moderation-action.dto.js';
import type { ActionResult } from '../moderation-answers.js';
import { type CommentChange, ModerationActedEvent, ModerationEvents } from '../moderation-events.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';

export interface ActionOptions {
  note?: string;
  /** With spam: also ban each author by this. */
  ban?: BanKind;
  banExpiresAt?: Date;
}

export type { ActionResult } from '../moderation-answers.js';

/** Where an action takes one comment, or why it leaves it where it is. */
export type Decision = { to: CommentStatus } | { reason: string };

/**
 * Approve, spam, trash and restore, on one comment or up to 500 at once: one transaction moves
 * the statuses (the outbox trigger turns each visible change into a live event), resolves the
 * comments' flags, adds any bans and writes the audit log. The events follow the commit.
 */
@Injectable()
export class CommentActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
    private readonly audit: AuditLog,
    private readonly bans: BansService,
    private readonly events: EventEmitter2,
    private readonly statusEvents: CommentStatusEvents,
  ) {}

  async act(moderator: ModeratorIdentity, ids: number[], action: CommentAction, options: ActionOptions = {}): Promise<ActionResult> {
    if (options.ban && action !== 'spam') throw fieldError('ban', 'Only marking as spam can also ban the author.');
    const { result, changes } = await this.dataSource.transaction(async (manager) => {
      const comments = await this.lockVisible(manager, moderator, ids);
      const decisions = await this.decide(manager, comments, action);
      const changes: CommentChange[] = [];
      const unchanged: ActionResult['unchanged'] = [];
      for (const comment of comments) {
        const decision = decisions.get(comment.id)!;
        if ('reason' in decision) unchanged.push({ id: comment.id, status: comment.status, reason: decision.reason });
        else changes.push({ comment, from: comment.status, to: decision.to });
      }
      await this.move(manager, changes);
      const bans = options.ban ? await this.banAuthors(manager, comments, options.ban, options.banExpiresAt, options.note) : [];
      await this.audit.record(manager, moderator, [
        ...changes.map(({ comment, from, to }) => ({
          action,
          siteId: comment.siteId,
          commentId: comment.id,
          articleId: comment.articleId,
          from,
          to,
          note: options.note,
        })),
        ...bans
          .filter((b) => b.created)
          .map((b) => ({
            action: 'ban' as const,
            siteId: b.siteId,
            commentId: b.commentId,
            note: options.note,
            detail: { banId: b.id, kind: b.kind, value: b.value, expiresAt: b.expiresAt?.toISOString() ?? null },
          })),
      ]);
      const result: ActionResult = {
        changed: changes.map(({ comment, from, to }) => ({ id: comment.id, from, to })),
        unchanged,
        bans: bans.map(({ id, kind, value, created }) => ({ id, kind, value, created })),
      };
      return { result, changes };
    });
    this.statusEvents.emitCommitted(changes.map((change) => ({ ...change, by: 'moderator' as const })));
    if (changes.length > 0) {
      this.events.emit(ModerationEvents.acted, new ModerationActedEvent({ id: moderator.id, name: moderator.name }, action, changes));
    }
    return result;
  }

  /** One comment: what is already done is a conflict, so two moderators never both "win". */
  async actOnOne(moderator: ModeratorIdentity, id: number, action: CommentAction, options: ActionOptions = {}): Promise<ActionResult> {
    const result = await this.act(moderator, [id], action, options);
    if (result.changed.length === 0 && !result.bans.some((b) => b.created)) {
      throw new ConflictException(result.unchanged[0].reason);
    }
    return result;
  }

  /**
   * The comments, locked until the transaction ends. Any id that is not on one of the moderator's
   * sites fails the whole request as not found: nothing is half-done, nothing about it is revealed.
   */
  private async lockVisible(manager: EntityManager, moderator: ModeratorIdentity, ids: number[]): Promise<Comment[]> {
    // Only rows on the moderator's sites are locked: a guessed id of another site's comment must
    // not hold that site's moderators up.
    const visible = await this.comments.lockForChange(manager, ids, moderator.visibleSiteIds);
    if (visible.length < ids.length) {
      const missing = ids.filter((id) => !visible.some((c) => c.id === id));
      throw new NotFoundException(
        ids.length === 1 ? 'There is no such comment.' : `There are no comments ${missing.join(', ')} on your sites; nothing was changed.`,
      );
    }
    return visible;
  }

  private async decide(manager: EntityManager, comments: Comment[], action: CommentAction): Promise<Map<number, Decision>> {
    const flagged =
      action === 'approve'
        ? await this.withOpenFlags(
            manager,
            comments.filter((c) => c.status === 'approved').map((c) => c.id),
          )
        : new Set<number>();
    const before =
      action === 'restore'
        ? await this.audit.statusesBefore(
            manager,
            comments.filter((c) => c.status === 'spam' || c.status === 'trash'),
          )
        : new Map<number, string>();
    return new Map(comments.map((c) => [c.id, decide(action, c.status, flagged.has(c.id), before.get(c.id))]));
  }

  private async withOpenFlags(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ comment_id: string }> = await manager.query(
      'SELECT DISTINCT comment_id FROM flags WHERE comment_id = ANY($1::bigint[]) AND resolved_at IS NULL',
      [ids],
    );
    return new Set(rows.map((r) => Number(r.comment_id)));
  }

  /**
   * Deciding on a comment also settles its readers' flags. Approving a flagged approved comment
   * moves nothing: it only dismisses the flags. The comments are locked, so every move lands.
   */
  private async move(manager: EntityManager, changes: CommentChange[]): Promise<void> {
    if (changes.length === 0) return;
    const moves = changes.filter((c) => c.from !== c.to).map(({ comment, to }) => ({ comment, to }));
    const moved = await this.comments.moveStatuses(moves, 'moderator', manager);
    if (moved.length < moves.length) throw new ConflictException('These comments were changed by someone else meanwhile; reload and try again.');
    for (const change of changes) change.comment.status = change.to;
    await manager.query('UPDATE flags SET resolved_at = now() WHERE comment_id = ANY($1::bigint[]) AND resolved_at IS NULL', [
      changes.map((c) => c.comment.id),
    ]);
  }

  private async banAuthors(manager: EntityManager, comments: Comment[], kind: BanKind, expiresAt: Date | undefined, note: string | undefined) {
    const wanted = new Map<string, { siteId: number; value: string; commentId: number }>();
    for (const comment of comments) {
      const value = banValue(kind, comment);
      if (value === null) continue;
      wanted.set(`${comment.siteId}|${value}`, { siteId: comment.siteId, value, commentId: comment.id });
    }
    if (wanted.size === 0) {
      throw fieldError(
        'ban',
        kind === 'account'
          ? 'This comment was not posted by a signed-in reader; ban by email instead.'
          : 'There is no IP address stored for this comment to ban; ban by email instead.',
      );
    }
    const bans = [];
    for (const { siteId, value, commentId } of wanted.values()) {
      const { ban, created } = await this.bans.create({ siteId, kind, value, expiresAt, note }, manager);
      bans.push({ id: ban.id, siteId, kind, value: ban.value, expiresAt: ban.expiresAt, created, commentId });
    }
    return bans;
  }
}

const ALREADY: Partial<Record<CommentStatus, string>> = {
  approved: 'This comment is already approved.',
  spam: 'This comment is already marked as spam.',
  trash: 'This comment is already in the trash.',
};

/**
 * Where an action takes a comment from where it is (every destination is one STATUS_TRANSITIONS
 * allows a moderator). Restore returns it to where it was before it went to spam or trash by a
 * moderator's hand; one the spam checks put there goes to pending, for a decision.
 */
export function decide(action: CommentAction, status: CommentStatus, flagged: boolean, before: string | undefined): Decision {
  if (status === 'deleted') return { reason: 'Its author deleted this comment.' };
  switch (action) {
    case 'approve':
      // Approving a flagged comment keeps it approved and dismisses the flags.
      return status === 'approved' && !flagged ? { reason: ALREADY.approved! } : { to: 'approved' };
    case 'unapprove':
      if (status === 'pending') return { reason: 'This comment is already pending.' };
      return status === 'approved' ? { to: 'pending' } : { reason: 'Only approved comments can be unapproved.' };
    case 'spam':
    case 'trash':
      return status === action ? { reason: ALREADY[action]! } : { to: action };
    case 'restore':
      if (status !== 'spam' && status !== 'trash') return { reason: 'Only comments in spam or trash can be restored.' };
      return { to: before === 'approved' || before === 'pending' ? before : 'pending' };
  }
}

function banValue(kind: BanKind, comment: Comment): string | null {
  if (kind === 'email') return comment.authorEmail;
  if (kind === 'domain') return comment.authorEmail.slice(comment.authorEmail.lastIndexOf('@') + 1);
  if (kind === 'account') return comment.authorAccount;
  return comment.ip;
}
