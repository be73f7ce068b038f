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
  /** A reader's new comment was stored, whatever its status (for counting: metrics). */
  posted: 'comment.posted',
  /** An approved comment readers can now see. */
  published: 'comment.published',
  /** A comment held for moderation (pending, or spam answered as pending): new, or taken off the page by Kolom. */
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
    /** A moderator's decision, or Kolom's own (flags, an edit judged again): only the first teaches the classifier. */
    readonly by: StatusActor,
    /** What made Kolom move it, for the audit log. */
    readonly cause?: StatusCause,
  ) {
    super(comment);
  }
}

/** Why Kolom itself moved a comment. */
export type StatusCause = 'flags' | 'edit';

/** A comment's status as it came to be: a new comment (from null) or a move, and whose. */
export interface StatusChange {
  comment: Comment;
  from: CommentStatus | null;
  to: CommentStatus;
  by: StatusActor;
  cause?: StatusCause;
}

/**
 * The events a status change makes: a new comment is published or held; an author's delete of a
 * public comment removes it; a move by a moderator or by Kolom is moderated, and one Kolom makes
 * into pending or spam also puts the comment in the moderators' queue (held).
 */
export function statusEventsOf({ comment, from, to, by, cause }: StatusChange): Array<{ name: string; event: CommentEvent }> {
  if (from === null) return [{ name: to === 'approved' ? CommentEvents.published : CommentEvents.held, event: new CommentEvent(comment) }];
  if (by === 'author') return from === 'approved' ? [{ name: CommentEvents.removed, event: new CommentEvent(comment) }] : [];
  const moderated = { name: CommentEvents.moderated, event: new CommentModeratedEvent(comment, from, to, by, cause) };
  return by === 'kolom' && to !== 'approved' ? [moderated, { name: CommentEvents.held, event: new CommentEvent(comment) }] : [moderated];
}

/** The one place status events are emitted; call it once the changes are committed. */
@Injectable()
export class CommentStatusEvents {
  constructor(private readonly events: EventEmitter2) {}

  emitCommitted(changes: StatusChange[]): void {
    for (const change of changes) for (const { name, event } of statusEventsOf(change)) this.events.emit(name, event);
  }
}
