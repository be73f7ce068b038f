import type { CommentStatus } from './comment-status.js';

/** Who moves a comment: its author, a moderator, or Kolom itself (readers' flags reaching the site's threshold). */
export type StatusActor = 'author' | 'moderator' | 'kolom';

/**
 * A comment's lifecycle, declared: from each status, the statuses it may move to and who may move
 * it there. A new comment starts where the spam verdict puts it (approved, pending or spam);
 * `deleted` is final. CommentsRepository.moveStatuses refuses any move not listed here.
 */
export const STATUS_TRANSITIONS: Readonly<Record<CommentStatus, Readonly<Partial<Record<CommentStatus, readonly StatusActor[]>>>>> = {
  pending: { approved: ['moderator'], spam: ['moderator'], trash: ['moderator'], deleted: ['author'] },
  approved: { pending: ['moderator', 'kolom'], spam: ['moderator'], trash: ['moderator'], deleted: ['author'] },
  // The spam verdict is answered like a hold, so its author may still withdraw it.
  spam: { approved: ['moderator'], pending: ['moderator'], trash: ['moderator'], deleted: ['author'] },
  trash: { approved: ['moderator'], pending: ['moderator'], spam: ['moderator'] },
  deleted: {},
};

export function canMove(from: CommentStatus, to: CommentStatus, by: StatusActor): boolean {
  return STATUS_TRANSITIONS[from][to]?.includes(by) ?? false;
}
