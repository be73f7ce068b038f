import type { Server as HttpServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as IoServer } from 'socket.io';

/**
 * How long a stopping node goes on answering HTTP after it has told its load balancer (/health 503)
 * and sent its live connections away: long enough for a balancer that checks every second or two to
 * stop sending, and for connections already queued to be accepted and served rather than reset.
 */
export const LEAVING_MS = 2_000;
const IDLE_SWEEP_MS = 100;

/**
 * A node leaving on SIGTERM, in the order that loses nothing: (1) /health answers 503 and new live
 * connections are refused, (2) every live connection is closed as a transport close, which
 * socket.io clients answer by reconnecting (through the balancer, to another node, where `join`
 * with lastSeenId replays what they missed), (3) HTTP keeps serving for LEAVING_MS, (4) the
 * listener closes and requests in flight finish. Then the app closes its pool and the process exits.
 */
@Injectable()
export class ShutdownService {
  private readonly logger = new Logger('Shutdown');
  private live: IoServer | null = null;
  stopping = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** The socket.io server, from the adapter that made it. */
  attachLive(server: IoServer): void {
    this.live = server;
  }

  async drain(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const sockets = this.live?.engine.clientsCount ?? 0;
    this.live?.engine.close();
    this.logger.log(`sent ${sockets} live connection${sockets === 1 ? '' : 's'} elsewhere; serving HTTP ${LEAVING_MS / 1000} s more`);
    await sleep(LEAVING_MS);
    const http = this.adapterHost.httpAdapter.getHttpServer() as HttpServer;
    if (!http.listening) return;
    const started = Date.now();
    await new Promise<void>((resolve) => {
      // Keep-alive connections go as soon as they have answered their last request.
      const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
      http.close(() => {
        clearInterval(sweep);
        resolve();
      });
    });
    this.logger.log(`requests in flight finished in ${Date.now() - started} ms`);
  }
}
