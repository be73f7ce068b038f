import { io, type Manager, type Socket } from 'socket.io-client';

export interface LiveEvent {
  name: string;
  payload: any;
}

export interface LiveClient {
  socket: Socket;
  /** Every event received, in order (acks not included). */
  events: LiveEvent[];
  emit<T = any>(event: string, payload: unknown): Promise<T>;
  join<T = any>(payload: unknown): Promise<T>;
  /**
   * Resolves with the first matching event received from index `since` on (past or future);
   * rejects after timeoutMs.
   */
  waitFor(match: (event: LiveEvent) => boolean, timeoutMs?: number, since?: number): Promise<LiveEvent>;
  /** Events of one kind received so far. */
  named(name: string): any[];
  close(): void;
}

/** Every event any live client received in this test file, for the private-data walk. */
export const receivedEvents: LiveEvent[] = [];

/**
 * A real socket.io-client connection (websocket transport, as browsers end up on). `origin` is sent
 * as the Origin header, as a browser on that page would; `namespace` (e.g. "/moderation") and
 * `auth` (its handshake payload, e.g. {token}) reach the other namespaces. With `manager`, the
 * namespace is opened on that manager's connection (so on the same server process as its others).
 */
export async function connectLive(
  baseUrl: string,
  options: { origin?: string; connect?: boolean; namespace?: string; auth?: Record<string, unknown>; manager?: Manager } = {},
): Promise<LiveClient> {
  const socket = options.manager
    ? options.manager.socket(options.namespace ?? '/', { auth: options.auth })
    : io(baseUrl + (options.namespace ?? ''), {
        transports: ['websocket'],
        auth: options.auth,
        reconnection: false,
        forceNew: true,
        extraHeaders: options.origin ? { origin: options.origin } : {},
      });
  const events: LiveEvent[] = [];
  const waiters = new Set<{ match: (event: LiveEvent) => boolean; resolve: (event: LiveEvent) => void }>();
  socket.onAny((name: string, payload: unknown) => {
    const event = { name, payload };
    events.push(event);
    receivedEvents.push(event);
    for (const waiter of waiters) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  if (options.connect !== false) {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
  }
  const client: LiveClient = {
    socket,
    events,
    emit: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload),
    join: (payload) => client.emit('join', payload),
    named: (name) => events.filter((e) => e.name === name).map((e) => e.payload),
    waitFor(match, timeoutMs = 5_000, since = 0) {
      const seen = events.slice(since).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (event: LiveEvent) => (clearTimeout(timer), resolve(event)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching event within ${timeoutMs} ms; received: ${JSON.stringify(events.map((e) => e.name))}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => {
      socket.disconnect();
    },
  };
  return client;
}
