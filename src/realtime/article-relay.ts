import { Injectable, Logger } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { Metrics } from '../metrics/metrics.js';
import { ArticleEventsRepository } from '../threads/article-events.repository.js';
import { articleRoom, type LiveEvent, toLiveEvent } from './live-events.js';
import { PresenceService } from './presence.service.js';

/** A client further behind than this reloads the thread over HTTP instead. */
export const REPLAY_LIMIT = 500;
const DRAIN_BATCH = 500;

interface RoomState {
  /** The last outbox id sent to this node's sockets in the room; null until read. */
  cursor: number | null;
  /** Work on one article runs in order: drains and joins never interleave. */
  tail: Promise<unknown>;
  drainQueued: boolean;
}

export interface Attached {
  lastEventId: number;
  replayed: number;
  /** More was missed than REPLAY_LIMIT: reload the thread, then join with its lastEventId. */
  resync: boolean;
}

/**
 * Sends the article_events outbox to this node's sockets, in id order (which is commit order within
 * an article), each event exactly once per node. Every node reads the outbox for the rooms it has
 * sockets in, woken by its own commits and by everyone's through PostgreSQL (OutboxWatch): nothing
 * depends on a message between nodes arriving, only on the database.
 */
@Injectable()
export class ArticleRelay {
  private readonly logger = new Logger(ArticleRelay.name);
  private namespace: Namespace | null = null;
  private readonly rooms = new Map<number, RoomState>();

  constructor(
    private readonly events: ArticleEventsRepository,
    private readonly presence: PresenceService,
    private readonly metrics: Metrics,
  ) {}

  bind(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /**
   * Puts the socket in the article's room after sending it, in order, what it missed after
   * `lastSeenId`; from then on the room's events reach it.
   */
  async attach(socket: Socket, articleId: number, lastSeenId: number | undefined): Promise<Attached> {
    return (await this.attachAll([socket], articleId, lastSeenId))[0];
  }

  /**
   * As attach, for sockets that all saw the same events (readers who awaited an article by URL):
   * what they missed is read once, however many they are.
   */
  attachAll(sockets: Socket[], articleId: number, lastSeenId: number | undefined): Promise<Attached[]> {
    const state = this.state(articleId);
    return this.enqueue(state, async () => {
      if (state.cursor === null) state.cursor = await this.events.lastEventId(articleId);
      // A client whose last event differs from ours is behind, or we are: catch the room up first.
      // Otherwise no query: whatever commits meanwhile wakes a drain queued behind this task, and
      // by then the socket is in the room.
      else if (lastSeenId !== undefined && lastSeenId !== state.cursor) await this.drain(articleId, state);
      const cursor = state.cursor;
      // Already in the room, a socket has been sent everything since it joined: a repeated join
      // replays nothing, so it cannot make the server push the article's history again and again.
      const newcomers = sockets.filter((socket) => !socket.rooms.has(articleRoom(articleId)));
      let missed: LiveEvent[] = [];
      let resync = false;
      if (newcomers.length > 0 && lastSeenId !== undefined && lastSeenId < cursor) {
        // Housekeeping deletes events older than OUTBOX_KEEP_DAYS but never an article's newest:
        // if the client's last event is gone, so may be some it missed after it.
        const events =
          lastSeenId > 0 && !(await this.events.has(articleId, lastSeenId)) ? null : await this.events.after(articleId, lastSeenId, REPLAY_LIMIT + 1);
        const upToCursor = events?.filter((e) => e.eventId <= cursor);
        if (!upToCursor || upToCursor.length > REPLAY_LIMIT) resync = true;
        else missed = upToCursor.flatMap((event) => toLiveEvent(articleId, event) ?? []);
      }
      return Promise.all(
        sockets.map(async (socket) => {
          const replay = newcomers.includes(socket) ? missed : [];
          for (const live of replay) socket.emit(live.name, live.payload);
          await socket.join(articleRoom(articleId));
          return { lastEventId: cursor, replayed: replay.length, resync: resync && newcomers.includes(socket) };
        }),
      );
    });
  }

  /** New events for the article may have committed: send them if anyone here is reading it (true). */
  wake(articleId: number): boolean {
    const state = this.rooms.get(articleId);
    if (!state) return false;
    if (state.drainQueued) return true;
    state.drainQueued = true;
    void this.enqueue(state, () => {
      state.drainQueued = false;
      return this.drain(articleId, state);
    });
    return true;
  }

  /**
   * Wakes every article read here whose outbox holds more than this node has sent: whatever wake-up
   * was lost (a dropped listener connection, a database outage), this finds it with one query.
   */
  async sweep(): Promise<void> {
    const known = [...this.rooms].filter(([, state]) => state.cursor !== null);
    if (known.length === 0) return;
    const latest = await this.events.lastEventIds(known.map(([articleId]) => articleId));
    for (const [articleId, state] of known) {
      if ((latest.get(articleId) ?? 0) > (state.cursor ?? 0)) this.wake(articleId);
    }
  }

  /** Events of the articles read here that this node has not sent yet (a scrape's question: one query). */
  backlog(): Promise<number> {
    const cursors = [...this.rooms].flatMap(([articleId, state]) => (state.cursor === null ? [] : [{ articleId, afterId: state.cursor }]));
    return this.events.countAfter(cursors);
  }

  /** The room is empty on this node. */
  forget(articleId: number): void {
    this.rooms.delete(articleId);
  }

  private state(articleId: number): RoomState {
    let state = this.rooms.get(articleId);
    if (!state) this.rooms.set(articleId, (state = { cursor: null, tail: Promise.resolve(), drainQueued: false }));
    return state;
  }

  private enqueue<T>(state: RoomState, task: () => Promise<T>): Promise<T> {
    const run = state.tail.then(task);
    state.tail = run.catch((error: unknown) => this.logger.error({ err: error }, 'live events of an article failed'));
    return run;
  }

  private async drain(articleId: number, state: RoomState): Promise<void> {
    if (state.cursor === null || !this.namespace) return;
    const room = this.namespace.local.to(articleRoom(articleId));
    let countChanged = false;
    for (;;) {
      const batch = await this.events.after(articleId, state.cursor, DRAIN_BATCH);
      const now = Date.now();
      for (const event of batch) {
        const live = toLiveEvent(articleId, event);
        if (live) {
          room.emit(live.name, live.payload);
          this.metrics.liveEventsSent.inc({ event: live.name });
          // From the change's transaction (the database's clock) to its emit here; clocks apart by a little never make it negative.
          this.metrics.liveDeliveryLag.observe(Math.max(0, now - event.createdAt.getTime()) / 1000);
        }
        if (event.kind !== 'comment.updated') countChanged = true;
        state.cursor = event.eventId;
      }
      if (batch.length < DRAIN_BATCH) break;
    }
    if (countChanged) this.presence.countChanged(articleId);
  }
}
