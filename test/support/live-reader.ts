import { io, type Socket } from 'socket.io-client';

export interface ThreadEvent {
  name: 'comment.created' | 'comment.updated' | 'comment.removed';
  id: number;
  eventId: number;
}

export interface LiveReader {
  socket: Socket;
  /** Thread events as they arrived, replays included. */
  events: ThreadEvent[];
  /** Every join's acknowledgement, one per (re)connection. */
  acks: any[];
  /** Why each connection ended, as socket.io-client tells it. */
  disconnects: string[];
  /** Resolves once an event for each of `ids` has arrived (rejects after timeoutMs). */
  waitForComments(ids: number[], timeoutMs?: number): Promise<void>;
  /** Resolves after the `n`th join was acknowledged. */
  waitForJoins(n: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A reader's page as the widget runs it (src/embed/widget/live.ts): socket.io-client reconnecting
 * by itself, joining on every connect with the newest event id it has seen, so that a reader whose
 * node went away lands on another and is sent exactly what it missed.
 */
export function followArticle(baseUrl: string, options: { origin: string; site: string; url: string }): LiveReader {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    extraHeaders: { origin: options.origin },
  });
  let lastSeenId: number | undefined;
  const events: ThreadEvent[] = [];
  const acks: any[] = [];
  const disconnects: string[] = [];
  const seen = new Set<number>();
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((check) => check());
  for (const name of ['comment.created', 'comment.updated', 'comment.removed'] as const) {
    socket.on(name, (payload: { id: number; eventId: number }) => {
      events.push({ name, id: payload.id, eventId: payload.eventId });
      seen.add(payload.id);
      lastSeenId = Math.max(lastSeenId ?? 0, payload.eventId);
      changed();
    });
  }
  socket.on('connect', () => {
    socket
      .timeout(10_000)
      .emitWithAck('join', { site: options.site, url: options.url, ...(lastSeenId !== undefined ? { lastSeenId } : {}) })
      .then(
        (ack: any) => {
          acks.push(ack);
          if (typeof ack?.lastEventId === 'number') lastSeenId = Math.max(lastSeenId ?? 0, ack.lastEventId);
          changed();
        },
        () => undefined, // no answer: the next connection joins again
      );
  });
  socket.on('disconnect', (reason) => disconnects.push(reason));
  const waitUntil = (done: () => boolean, what: () => string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => (waiters.delete(check), reject(new Error(what()))), timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    socket,
    events,
    acks,
    disconnects,
    waitForComments: (ids, timeoutMs = 10_000) =>
      waitUntil(
        () => ids.every((id) => seen.has(id)),
        () => `comments ${ids.filter((id) => !seen.has(id)).join(', ')} never arrived`,
        timeoutMs,
      ),
    waitForJoins: (n, timeoutMs = 10_000) =>
      waitUntil(
        () => acks.length >= n,
        () => `${acks.length} of ${n} joins acknowledged`,
        timeoutMs,
      ),
    close: () => void socket.disconnect(),
  };
}
