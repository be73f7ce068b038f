import type { Socket } from 'socket.io-client';
import { type LiveSocket, openLiveSocket } from '../../browser/live-socket.js';
import type { ArticleStarted, ArticleStats, ErrorAck, JoinAck, LiveComment, LiveRemoval, PublicComment, ReactionCounts } from './types.js';

export interface LiveHandlers {
  created(comment: LiveComment): void;
  updated(comment: LiveComment): void;
  removed(removal: LiveRemoval): void;
  held(comment: PublicComment): void;
  stats(stats: Omit<ArticleStats, 'articleId'>): void;
  /** Likes changed: the new counts. */
  reactions(counts: ReactionCounts['counts']): void;
  /** Missed more than the server replays: reload the thread. */
  resync(): void;
  connection(online: boolean): void;
  /** The article awaited by its URL got its first comment: this is its id. */
  started(articleId: number): void;
}

/** The thread to follow: by id, or, for an article without comments yet (id null), by site and URL. */
export interface LiveTarget {
  articleId: number | null;
  site: string;
  url: string;
}

/**
 * The article's live room. On every connect (the first, and each reconnect after a drop or a
 * server restart) it joins with the newest event id it has seen, so the server replays exactly
 * what was missed before anything new. An article nobody has commented on has no id yet: it is
 * joined by site and URL, and the server sends its id (`article.started`) with its first comment.
 */
export class LiveThread {
  private readonly live: LiveSocket;
  private readonly socket: Socket;
  private lastSeenId: number;
  private articleId: number | null;
  /** The canonical URL the server awaits the article by, from the join's ack. */
  private awaitedUrl: string | null = null;
  /** A join that could not be answered is tried again while the connection stays up. */
  private retries = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: string,
    private readonly target: LiveTarget,
    lastEventId: number,
    private readonly own: (articleId: number) => Array<{ id: number; editToken: string }>,
    private readonly handlers: LiveHandlers,
  ) {
    this.lastSeenId = lastEventId;
    this.articleId = target.articleId;
    this.live = openLiveSocket(host);
    this.socket = this.live.socket;
    const seen = (eventId: number | undefined) => {
      if (typeof eventId === 'number' && eventId > this.lastSeenId) this.lastSeenId = eventId;
    };
    const mine = (payload: { articleId?: number }) => payload.articleId === this.articleId;
    this.socket.on('comment.created', (c: LiveComment) => mine(c) && (seen(c.eventId), handlers.created(c)));
    this.socket.on('comment.updated', (c: LiveComment) => mine(c) && (seen(c.eventId), handlers.updated(c)));
    this.socket.on('comment.removed', (r: LiveRemoval) => mine(r) && (seen(r.eventId), handlers.removed(r)));
    this.socket.on('comment.held', (c: PublicComment) => mine(c) && handlers.held(c));
    this.socket.on('article.stats', (s: ArticleStats) => mine(s) && handlers.stats(s));
    this.socket.on('comment.reactions', (r: ReactionCounts) => mine(r) && Array.isArray(r.counts) && handlers.reactions(r.counts));
    this.socket.on('article.started', (s: ArticleStarted) => s.url === this.awaitedUrl && this.started(s.articleId));
    this.socket.on('connect', () => {
      this.retries = 0;
      void this.join();
    });
    this.socket.on('disconnect', () => {
      clearTimeout(this.retry);
      handlers.connection(false);
    });
  }

  private async join(): Promise<void> {
    try {
      // Read warily: during a rolling upgrade the node answering may be older or newer than this script.
      const which =
        this.articleId === null ? { site: this.target.site, url: this.target.url } : { articleId: this.articleId, own: this.own(this.articleId).slice(-20) };
      const ack: Partial<JoinAck & ErrorAck> = await this.socket.timeout(10_000).emitWithAck('join', { ...which, lastSeenId: this.lastSeenId });
      // Refused for good (a closed site, a bad article): stay as the page is.
      if (ack?.error && ack.error.status < 500) return;
      if (ack?.error) throw new Error(ack.error.message);
      if (ack.articleId === null && typeof ack.url === 'string') this.awaitedUrl = ack.url;
      // Its first comment came between the page and this join: followed by id from now on.
      else if (this.articleId === null && typeof ack.articleId === 'number') this.started(ack.articleId);
      if (typeof ack.lastEventId === 'number' && ack.lastEventId > this.lastSeenId) this.lastSeenId = ack.lastEventId;
      this.handlers.connection(true);
      if (typeof ack.viewers === 'number') this.handlers.stats({ count: -1, viewers: ack.viewers });
      if (ack.resync) this.handlers.resync();
    } catch {
      // No answer in time, or the server could not answer now (its database restarting): the
      // connection is up, so no reconnect will join again; try again, less often each time.
      if (!this.socket.connected) return;
      this.retry = setTimeout(() => void this.join(), Math.min(1_000 * 2 ** this.retries++, 15_000));
    }
  }

  private started(articleId: number): boolean {
    if (this.articleId !== null) return false;
    this.articleId = articleId;
    this.awaitedUrl = null;
    this.handlers.started(articleId);
    return true;
  }

  close(): void {
    clearTimeout(this.retry);
    this.live.close();
  }
}
