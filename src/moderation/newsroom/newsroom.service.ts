import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fieldErrors } from '../../http/field-error.js';
import { CommentEvent, CommentEvents } from '../../threads/comment-events.js';
import type { Comment } from '../../threads/comment.entity.js';
import { CommentsRepository, MAX_PINNED_PER_ARTICLE } from '../../threads/comments.repository.js';
import { CommentsService } from '../../threads/comments.service.js';
import { duplicateKey } from '../../threads/duplicate-key.js';
import { formFieldErrors } from '../../threads/form-checks.js';
import { type PublicComment, toPublicComment } from '../../threads/public-comment.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { AuditLog } from '../audit/audit-log.js';

/**
 * The newsroom's own hand in a thread, from the desk: staff replies, redactions, pinned comments
 * and editor's picks. Each is audit-logged with who did it, and reaches open pages live through
 * the outbox (the trigger writes `comment.created` / `comment.updated`).
 */
@Injectable()
export class NewsroomService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
    private readonly posting: CommentsService,
    private readonly audit: AuditLog,
    private readonly events: EventEmitter2,
  ) {}

  async reply(moderator: ModeratorIdentity, id: number, body: string, note?: string): Promise<PublicComment> {
    const parent = await this.visible(moderator, id);
    const posted = await this.posting.postAsStaff(parent, body, moderator);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, moderator, [
        { action: 'staff.reply', siteId: parent.siteId, articleId: parent.articleId, commentId: posted.comment.id, note, detail: { replyTo: parent.id } },
      ]),
    );
    return posted.comment;
  }

  /** A moderator's new text (a redaction): the text before is kept in the audit log, readers see "edited by a moderator". */
  async redact(moderator: ModeratorIdentity, id: number, body: string, note?: string): Promise<PublicComment> {
    const found = await this.visible(moderator, id);
    const problems = formFieldErrors({ name: found.authorName || '-', email: found.authorEmail || 'erased@kolom.invalid', website: '', body });
    if (problems?.body) throw fieldErrors({ body: problems.body });
    const comment = await this.dataSource.transaction(async (manager) => {
      const [locked] = await this.comments.lockForChange(manager, [found.id]);
      if (!locked || locked.status === 'deleted') throw new NotFoundException('There is no such comment.');
      const before = locked.body;
      await this.comments.redact(manager, locked, body, duplicateKey(locked.authorName, body));
      await this.audit.record(manager, moderator, [
        { action: 'edit', siteId: locked.siteId, articleId: locked.articleId, commentId: locked.id, note, detail: { before, after: body } },
      ]);
      return locked;
    });
    this.changed(comment);
    return toPublicComment(comment);
  }

  async pin(moderator: ModeratorIdentity, id: number, pinned: boolean): Promise<PublicComment> {
    const comment = await this.visible(moderator, id);
    if (comment.status !== 'approved' || comment.parentId !== null) throw new ConflictException('Only a published top-level comment can be pinned.');
    if (!(await this.comments.setPinned(comment, pinned))) {
      throw new ConflictException(`This article already has ${MAX_PINNED_PER_ARTICLE} pinned comments: unpin one first.`);
    }
    await this.record(moderator, comment, pinned ? 'pin' : 'unpin');
    return toPublicComment(comment);
  }

  async pick(moderator: ModeratorIdentity, id: number, pick: boolean): Promise<PublicComment> {
    const comment = await this.visible(moderator, id);
    if (comment.status !== 'approved') throw new ConflictException("Only a published comment can be an editor's pick.");
    await this.comments.setEditorsPick(comment, pick);
    await this.record(moderator, comment, pick ? 'pick' : 'unpick');
    return toPublicComment(comment);
  }

  private async record(moderator: ModeratorIdentity, comment: Comment, action: 'pin' | 'unpin' | 'pick' | 'unpick'): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, moderator, [{ action, siteId: comment.siteId, articleId: comment.articleId, commentId: comment.id }]),
    );
    this.changed(comment);
  }

  /** Wakes this node's relay and refreshes cached pages; the outbox row is the trigger's. */
  private changed(comment: Comment): void {
    if (comment.status === 'approved') this.events.emit(CommentEvents.updated, new CommentEvent(comment));
  }

  /** Another site's comment answers as a missing one: a moderator learns nothing of sites not theirs. */
  private async visible(moderator: ModeratorIdentity, id: number): Promise<Comment> {
    const comment = await this.comments.findById(id);
    if (!comment || !moderator.canSee(comment.siteId) || comment.status === 'deleted') throw new NotFoundException('There is no such comment.');
    return comment;
  }
}
