import type { Comment } from './comment.entity.js';
import type { CommentStatus } from './comment-status.js';

/**
 * Domain events of the threads module, emitted only after the transaction that caused them commits.
 * Payloads carry the whole comment for listeners inside the process (moderation sees private
 * fields); whatever leaves the process must go through toPublicComment.
 */
export const CommentEvents = {
  /** An approved comment readers can now see. */
  published: 'comment.published',
  /** A new comment held for moderation (pending, or spam answered as pending). */
  held: 'comment.held',
  /** An author changed the text of a comment. */
  updated: 'comment.updated',
  /** A comment readers could see is gone (deleted by its author). */
  removed: 'comment.removed',
  /**
   * A moderator changed a comment's status (approve, spam, trash, restore). Readers see the
   * effect through the article_events outbox, which the status change itself writes; this event
   * wakes its relay, refreshes cached pages, and lets the spam checks learn.
   */
  moderated: 'comment.moderated',
} as const;

export class CommentEvent {
  constructor(readonly comment: Comment) {}
}

export class CommentModeratedEvent extends CommentEvent {
  constructor(
    comment: Comment,
    readonly from: CommentStatus,
    readonly to: CommentStatus,
  ) {
    super(comment);
  }
}
