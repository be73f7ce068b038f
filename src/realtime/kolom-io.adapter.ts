import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ConfigError, type KolomConfig } from '../config/config.js';

/** A join with fifty own-comment tokens fits several times over; anything bigger is not ours. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** How long socket.io keeps a dropped socket's rooms and missed packets for it. */
const RECOVERY_MS = 2 * 60_000;


/**
 * socket.io as Kolom runs it: small payloads, connection-state recovery, and with REDIS_URL the
 * Redis streams adapter (the one official adapter that keeps recovery working across nodes).
 * Call `connect()` before `app.useWebSocketAdapter(adapter)`.
 */
export class KolomIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private redis: Awaited<ReturnType<typeof this.newClient>> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: KolomConfig,
  ) {
    super(app);
  }

  get clustered(): boolean {
    return this.redis !== null;
  }

  async connect(): Promise<void> {
    if (!this.config.redisUrl) return;
    const redis = this.newClient(this.config.redisUrl);
    // At start-up an unreachable Redis is a configuration problem: say so instead of retrying
    // silently. Once connected, the client reconnects by itself and errors are only logged.
    await new Promise<void>((resolve, reject) => {
      const refuse = (error: Error) => {
        redis.destroy();
        const where = new URL(this.config.redisUrl!).host;
        reject(new ConfigError([`REDIS_URL: cannot connect to Redis at ${where} (${error.message || error.name})`]));
      };
      redis.once('error', refuse);
      redis.connect().then(() => {
        redis.off('error', refuse);
        resolve();
      }, refuse);
    });
    redis.on('error', (error: Error) => this.log.error(`Redis: ${error.message}`));
    this.redis = redis;
  }

  private newClient(url: string) {
    return createClient({ url });
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      serveClient: false,
      maxHttpBufferSize: MAX_PAYLOAD_BYTES,
      // Which origins may join which article is checked per site in the gateway.
      cors: { origin: true, credentials: false },
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_MS, skipMiddlewares: true },
    });
    // A short blocking read lets a stopping node let go of Redis within a second.
    if (this.redis) {
      const prefix = this.config.redisPrefix;
      server.adapter(
        createAdapter(this.redis, {
          streamName: `${prefix}:live`,
          channelPrefix: prefix,
          sessionKeyPrefix: `${prefix}:session:`,
          maxLen: 10_000,
          blockTimeInMs: 1_000,
        }),
      );
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    const redis = this.redis;
    this.redis = null;
    if (redis?.isOpen) await redis.quit();
  }
}
