import type { Comment } from '../threads/comment.entity.js';
import type { CommentStatus } from '../threads/comment-status.js';

/**
 * Domain events of the moderation module, emitted after the transaction commits. Each changed
 * comment also gets its own `comment.moderated` (see CommentEvents), which readers' pages and the
 * spam classifier follow; these are for the moderators' own live view.
 */
export const ModerationEvents = {
  /** A moderator acted on comments; `queue.updated` tells the other moderators. */
  acted: 'moderation.acted',
  /** A reader flagged a comment (and perhaps took it off the page). */
  flagged: 'moderation.flagged',
  signedOut: 'moderation.signed-out',
  moderatorRemoved: 'moderation.moderator-removed',
} as const;

export interface CommentChange {
  comment: Comment;
  from: CommentStatus;
  to: CommentStatus;
}

export class ModerationActedEvent {
  constructor(
    readonly moderator: { id: number; name: string } | null,
    readonly action: string,
    readonly changes: CommentChange[],
  ) {}
}

export class CommentFlaggedEvent {
  constructor(
    readonly comment: Comment,
    /** True when this flag reached the site's threshold and the comment left the page. */
    readonly held: boolean,
  ) {}
}

export class SignedOutEvent {
  constructor(readonly sessionId: number) {}
}

export class ModeratorRemovedEvent {
  constructor(readonly moderatorId: number) {}
}
