import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as clusterAdapter } from '@socket.io/cluster-adapter';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server, ServerOptions } from 'socket.io';
import type { RedisLink } from '../redis/redis-link.js';
import type { ShutdownService } from '../shutdown/shutdown.service.js';
import { isClusterWorker } from '../workers/worker-messages.js';

/** A join with fifty own-comment tokens fits several times over; anything bigger is not ours. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

/**
 * socket.io as Kolom runs it: small payloads, and with REDIS_URL the Redis streams adapter, fed by
 * RedisLink so that a Redis outage degrades what crosses nodes instead of ending the process.
 * Without Redis, the workers of one machine (KOLOM_WORKERS) share rooms through the cluster adapter,
 * which their primary relays over IPC: viewer counts and the moderators' live view then span the
 * machine's workers, as Redis would make them span every node.
 *
 * No connection-state recovery: a reconnecting reader re-joins with the last event id it saw and is
 * replayed exactly what it missed from the outbox, on any node, after a restart too. Recovery would
 * be a second, weaker path beside it: it cannot replay Kolom's events across nodes (they are sent
 * by each node, not through the adapter), on one node it sent what the re-join sends again, and it
 * would restore a moderator's connection without checking the session again.
 */
export class KolomIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisLink,
    private readonly shutdown: ShutdownService,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      serveClient: false,
      maxHttpBufferSize: MAX_PAYLOAD_BYTES,
      // Which origins may join which article is checked per site in the gateway.
      cors: { origin: true, credentials: false },
      // A stopping node refuses new connections at the engine, which clients retry (elsewhere).
      allowRequest: (_request, answer) => answer(this.shutdown.stopping ? 'this node is stopping' : null, !this.shutdown.stopping),
    });
    this.shutdown.attachLive(server);
    // A short blocking read lets a stopping node let go of Redis within a second.
    if (this.redis.configured) {
      const prefix = this.redis.prefix;
      server.adapter(
        createAdapter(this.redis.forAdapter(), {
          streamName: `${prefix}:live`,
          channelPrefix: prefix,
          maxLen: 10_000,
          blockTimeInMs: 1_000,
        }),
      );
    } else if (isClusterWorker()) {
      server.adapter(clusterAdapter());
    }
    return server;
  }
}
