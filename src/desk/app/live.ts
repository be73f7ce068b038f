import { type LiveSocket, openLiveSocket } from '../../browser/live-socket.js';
import type { QueueAdded, QueueUpdated } from './types.js';

export interface LiveListener {
  /** A comment entered a queue (held, reported), or its item changed there. */
  added?(event: QueueAdded): void;
  /** A moderator acted on comments: where each one went. */
  updated?(event: QueueUpdated): void;
  /** Back after a drop: what happened meanwhile was not heard, so reload. */
  reconnected?(): void;
}

/**
 * The desk's live connection, namespace /moderation, authenticated by the session's token. The
 * server refuses a token that is no longer valid; socket.io then stops retrying (`active` false),
 * which is how a session that ended elsewhere shows up here.
 */
export class DeskLive {
  private readonly live: LiveSocket;
  private readonly listeners = new Set<LiveListener>();
  private connectedBefore = false;

  constructor(token: string, onConnection: (online: boolean) => void, onSessionEnded: () => void) {
    this.live = openLiveSocket('/moderation', { auth: { token } });
    const socket = this.live.socket;
    socket.on('queue.added', (event: QueueAdded) => this.listeners.forEach((l) => l.added?.(event)));
    socket.on('queue.updated', (event: QueueUpdated) => this.listeners.forEach((l) => l.updated?.(event)));
    socket.on('connect', () => {
      onConnection(true);
      if (this.connectedBefore) this.listeners.forEach((l) => l.reconnected?.());
      this.connectedBefore = true;
    });
    socket.on('disconnect', (reason) => {
      onConnection(false);
      // The server closed it on purpose: signed out on another tab, or the account was removed.
      if (reason === 'io server disconnect') onSessionEnded();
    });
    socket.on('connect_error', () => {
      onConnection(false);
      if (!socket.active) onSessionEnded();
    });
  }

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.live.close();
  }
}
