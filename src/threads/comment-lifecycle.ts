import type { CommentStatus } from './comment-status.js';

/**
 * Who moves a comment: its author, a moderator, or Kolom itself (readers' flags reaching the site's
 * threshold, or the spam checks judging an author's edit).
 */
export type StatusActor = 'author' | 'moderator' | 'kolom';

/**
 * A comment's lifecycle, declared: from each status, the statuses it may move to and who may move
 * it there. A new comment starts where the spam verdict puts it (approved, pending or spam);
 * `deleted` is final. CommentsRepository.moveStatuses refuses any move not listed here.
 */
export const STATUS_TRANSITIONS: Readonly<Record<CommentStatus, Readonly<Partial<Record<CommentStatus, readonly StatusActor[]>>>>> = {
  pending: { approved: ['moderator'], spam: ['moderator', 'kolom'], trash: ['moderator'], deleted: ['author'] },
  approved: { pending: ['moderator', 'kolom'], spam: ['moderator', 'kolom'], trash: ['moderator'], deleted: ['author'] },
  // Not deleted by its author: that would erase the evidence and the classifier's material (the
  // author, told it awaits moderation, is answered as if it were).
  spam: { approved: ['moderator'], pending: ['moderator'], trash: ['moderator'] },
  trash: { approved: ['moderator'], pending: ['moderator'], spam: ['moderator'] },
  deleted: {},
};

/**
 * The statuses in which a comment is still its author's to edit or delete, as they see it: spam
 * looks to them like a held comment, so it is answered like one.
 */
export const AUTHOR_HELD: readonly CommentStatus[] = ['approved', 'pending', 'spam'];

export function canMove(from: CommentStatus, to: CommentStatus, by: StatusActor): boolean {
  return STATUS_TRANSITIONS[from][to]?.includes(by) ?? false;
}
