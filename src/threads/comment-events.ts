import type { Comment } from './comment.entity.js';

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
} as const;

export class CommentEvent {
  constructor(readonly comment: Comment) {}
}
