import { applyDecorators, Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type { Comment } from './comment.entity.js';
import type { StatusActor } from './comment-lifecycle.js';
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
   * A moderator (or readers' flags) changed a comment's status (approve, spam, trash, restore,
   * hold). Readers see the effect through the article_events outbox, which the status change
   * itself writes; this event wakes its relay, refreshes cached pages, and lets the spam checks learn.
   */
  moderated: 'comment.moderated',
} as const;

/** The events after which what readers see of an article may have changed. */
export const READER_VISIBLE_EVENTS = [CommentEvents.published, CommentEvents.updated, CommentEvents.removed, CommentEvents.moderated] as const;

/** Listens to every event in READER_VISIBLE_EVENTS. */
export const OnReaderVisibleChange = (): MethodDecorator => applyDecorators(...READER_VISIBLE_EVENTS.map((event) => OnEvent(event)));

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

/** A comment's status as it came to be: a new comment (from null) or a move, and whose. */
export interface StatusChange {
  comment: Comment;
  from: CommentStatus | null;
  to: CommentStatus;
  by: StatusActor;
}

/** The event a status change makes, if any. */
export function statusEventOf({ comment, from, to, by }: StatusChange): { name: string; event: CommentEvent } | null {
  if (from === null) return { name: to === 'approved' ? CommentEvents.published : CommentEvents.held, event: new CommentEvent(comment) };
  if (by === 'author') return from === 'approved' ? { name: CommentEvents.removed, event: new CommentEvent(comment) } : null;
  return { name: CommentEvents.moderated, event: new CommentModeratedEvent(comment, from, to) };
}

/** The one place status events are emitted; call it once the changes are committed. */
@Injectable()
export class CommentStatusEvents {
  constructor(private readonly events: EventEmitter2) {}

  emitCommitted(changes: StatusChange[]): void {
    for (const change of changes) {
      const made = statusEventOf(change);
      if (made) this.events.emit(made.name, made.event);
    }
  }
}
