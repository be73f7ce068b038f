import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/**
 * How long one attempt to connect may take before the next. socket.io-client waits 20 s by default,
 * and an attempt that neither opens nor fails (packets lost while the network changed, or a socket
 * closed before the handshake, which it does not count as a failure) would keep a page offline
 * that long after the network is back. A handshake is a few round trips: 8 s leaves room for slow
 * mobile networks.
 */
export const CONNECT_TIMEOUT_MS = 8_000;

export interface LiveSocket {
  readonly socket: Socket;
  close(): void;
}

/**
 * A websocket-only socket.io connection, as the widget and the desk both keep one. When the browser
 * says the network is back, or the reader returns to the page (a hidden tab's timers run late), it
 * tries at once rather than when the backoff says, dropping an attempt that may hang on the old
 * network.
 */
export function openLiveSocket(uri: string, options: Partial<ManagerOptions & SocketOptions> = {}): LiveSocket {
  const socket = io(uri, { transports: ['websocket'], withCredentials: false, timeout: CONNECT_TIMEOUT_MS, ...options });
  const reconnectNow = () => {
    // Not active: the server refused this page for good; connected: nothing to do.
    if (socket.connected || !socket.active || document.visibilityState === 'hidden') return;
    socket.disconnect().connect();
  };
  addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', reconnectNow);
  return {
    socket,
    close() {
      removeEventListener('online', reconnectNow);
      document.removeEventListener('visibilitychange', reconnectNow);
      socket.disconnect();
    },
  };
}
