import type { OutboxEvent } from '../threads/article-events.repository.js';
import { type PublicComment, type PublicCommentSource, toPublicComment } from '../threads/public-comment.js';
import type { LiveComment, LiveRemoval } from './live-payloads.js';

export type { ArticleStarted, ArticleStats, LiveComment, LiveRemoval, ReactionCounts } from './live-payloads.js';

/** What the server sends to sockets. Every payload names its article: a socket may be in several rooms. */
export const LiveEvents = {
  /** A comment readers can see appeared (posted, or approved by a moderator): LiveComment. */
  created: 'comment.created',
  /** Its text changed: LiveComment. */
  updated: 'comment.updated',
  /** It is gone (deleted, marked spam, trashed): LiveRemoval. */
  removed: 'comment.removed',
  /** The socket's own comment awaits moderation: shown to its author only. LiveComment without eventId. */
  held: 'comment.held',
  /** An article awaited by {site, url} got its first comment, and so an id; its events follow: ArticleStarted. */
  started: 'article.started',
  /** Approved comments and viewers across all nodes, at most once a second per article: ArticleStats. */
  stats: 'article.stats',
  /** Likes changed: the counts of the comments that changed, at most once a second per article (ReactionBatches): ReactionCounts. */
  reactions: 'comment.reactions',
} as const;

export type LiveEvent =
  { name: typeof LiveEvents.created | typeof LiveEvents.updated; payload: LiveComment } | { name: typeof LiveEvents.removed; payload: LiveRemoval };

const ROOM_PREFIX = 'article:';

export function articleRoom(articleId: number): string {
  return ROOM_PREFIX + articleId;
}

export function articleIdOfRoom(room: string): number | null {
  if (!room.startsWith(ROOM_PREFIX)) return null;
  const id = Number(room.slice(ROOM_PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * An outbox row as readers get it. The comment is read as it is now, so a comment that was removed
 * since it appeared is not shown again: null means nothing to send (its removal event follows).
 */
export function toLiveEvent(articleId: number, event: OutboxEvent): LiveEvent | null {
  if (event.kind === 'comment.removed') {
    return { name: LiveEvents.removed, payload: { id: event.commentId, articleId, eventId: event.eventId } };
  }
  if (!event.comment || event.comment.status !== 'approved') return null;
  const name = event.kind === 'comment.created' ? LiveEvents.created : LiveEvents.updated;
  return { name, payload: { ...toPublicComment(event.comment), eventId: event.eventId } };
}

/** A held (or spam, which its author is told is held) comment, for its author's eyes. */
export function toHeldComment(comment: PublicCommentSource): PublicComment {
  return toPublicComment({ ...comment, status: 'pending' });
}
