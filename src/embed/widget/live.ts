import type { Socket } from 'socket.io-client';
import { type LiveSocket, openLiveSocket } from '../../browser/live-socket.js';
import type { ArticleStats, ErrorAck, JoinAck, LiveComment, LiveRemoval, PublicComment } from './types.js';

export interface LiveHandlers {
  created(comment: LiveComment): void;
  updated(comment: LiveComment): void;
  removed(removal: LiveRemoval): void;
  held(comment: PublicComment): void;
  stats(stats: Omit<ArticleStats, 'articleId'>): void;
  /** Missed more than the server replays: reload the thread. */
  resync(): void;
  connection(online: boolean): void;
}

/**
 * The article's live room. On every connect (the first, and each reconnect after a drop or a
 * server restart) it joins with the newest event id it has seen, so the server replays exactly
 * what was missed before anything new.
 */
export class LiveThread {
  private readonly live: LiveSocket;
  private readonly socket: Socket;
  private lastSeenId: number;
  /** A join that could not be answered is tried again while the connection stays up. */
  private retries = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: string,
    private readonly articleId: number,
    lastEventId: number,
    private readonly own: () => Array<{ id: number; editToken: string }>,
    private readonly handlers: LiveHandlers,
  ) {
    this.lastSeenId = lastEventId;
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
      const ack: Partial<JoinAck & ErrorAck> = await this.socket
        .timeout(10_000)
        .emitWithAck('join', { articleId: this.articleId, lastSeenId: this.lastSeenId, own: this.own().slice(-20) });
      // Refused for good (a closed site, a bad article): stay as the page is.
      if (ack?.error && ack.error.status < 500) return;
      if (ack?.error) throw new Error(ack.error.message);
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

  close(): void {
    clearTimeout(this.retry);
    this.live.close();
  }
}
