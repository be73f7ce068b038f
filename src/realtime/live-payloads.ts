import type { PublicComment } from '../threads/thread-answers.js';

/*
 * What the live connection carries that the widget's browser code reads too (see live-events.ts
 * for which event carries which): kept free of server imports, so `npm run typecheck` holds both
 * sides to one definition.
 */

/** The public comment shape plus the outbox id to send back as `lastSeenId`. */
export type LiveComment = PublicComment & { eventId: number };

export interface LiveRemoval {
  id: number;
  articleId: number;
  eventId: number;
}

/** Likes changed: the new counts of the comments whose likes changed since the article's last batch. */
export interface ReactionCounts {
  articleId: number;
  counts: Array<{ id: number; likes: number }>;
}

export interface ArticleStats {
  articleId: number;
  count: number;
  viewers: number;
}

/** Sent to readers awaiting an article (joined by {site, url} before it had a comment) once it has one. */
export interface ArticleStarted {
  articleId: number;
  /** The canonical URL it was awaited by, as the join's ack gave it. */
  url: string;
}

export interface JoinAck {
  /** null: the article has no comment yet; the socket awaits it and gets `article.started` when it has. */
  articleId: number | null;
  /** The canonical URL of an awaited article (articleId null). */
  url?: string;
  viewers: number;
  /** The newest event this socket has been sent (or was sent the equivalent of): its next lastSeenId. */
  lastEventId: number;
  /** Events sent because of lastSeenId, before this ack. */
  replayed: number;
  /** True when more was missed than can be replayed: reload the thread, then join with its lastEventId. */
  resync?: true;
  /** The own comments (from `own`) still awaiting moderation, just sent as comment.held. */
  held: number[];
}

export interface ErrorAck {
  error: { status: number; message: string; fields?: Record<string, string> };
}
