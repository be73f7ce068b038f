import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { createClient } from 'redis';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Reconnection never gives up (Redis is an accelerator: Kolom waits for it), and tries again within a second. */
const RETRY_CAP_MS = 1_000;
const CONNECT_TIMEOUT_MS = 2_000;

export interface RedisHealth {
  /** `off`: no REDIS_URL (one node). `degraded`: configured but not reachable right now. */
  status: 'off' | 'up' | 'degraded';
  /** Since when it is degraded. (Why is in the log: /health is public, and errors name internal hosts.) */
  since?: string;
}

/**
 * Kolom's connection to Redis (REDIS_URL), and the only place that knows whether it is there.
 * Readers and posters never wait on Redis: every command fails at once while it is away (no offline
 * queue to pile up), what Redis carries between nodes is best effort, and the client reconnects by
 * itself for as long as it takes. `resumed` fires each time every connection is back after an outage.
 */
@Injectable()
export class RedisLink extends EventEmitter<{ resumed: [] }> implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  /** Of the publishing client and the duplicates the socket.io adapter reads with, those not connected. */
  private readonly down = new Set<RedisClient>();
  /** Since when Redis has been away (or, at start-up, not yet reached), and whether that was logged. */
  private outage: { since: Date; logged: boolean } | null = null;
  private lastError: string | undefined;
  private closed = false;
  readonly client: RedisClient | null;
  /** Names Kolom's streams, channels and keys (REDIS_PREFIX). */
  readonly prefix: string;

  constructor(@Inject(KOLOM_CONFIG) config: KolomConfig) {
    super();
    this.prefix = config.redisPrefix;
    this.client = config.redisUrl ? this.track(createClient({ url: config.redisUrl, disableOfflineQueue: true, socket: socketOptions() })) : null;
    if (this.client) {
      this.down.add(this.client);
      this.outage = { since: new Date(), logged: false };
      this.open(this.client);
    }
  }

  get configured(): boolean {
    return this.client !== null;
  }

  get healthy(): boolean {
    return this.client !== null && this.down.size === 0;
  }

  health(): RedisHealth {
    if (!this.client) return { status: 'off' };
    if (this.healthy) return { status: 'up' };
    return { status: 'degraded', since: this.outage?.since.toISOString() };
  }

  /**
   * A view of the client for @socket.io/redis-streams-adapter, which leaves the promises of PUBLISH
   * (server-side emits), SET (session persistence) and its subscriber's SUBSCRIBE unobserved: a
   * Redis that goes away would reject them unhandled, and Node would end the process. Here they
   * settle quietly (the outage is logged once, by this class). Its duplicates (the stream reader and
   * the subscriber) keep an offline queue, so the adapter's read loop waits for Redis instead of
   * spinning while it is away.
   */
  forAdapter(): RedisClient {
    const client = this.client;
    if (!client) throw new Error('REDIS_URL is not set');
    return settledQuietly(client, ['publish', 'sPublish', 'set'], {
      duplicate: () => settledQuietly(this.track(client.duplicate({ disableOfflineQueue: false })), ['subscribe', 'sSubscribe']),
    });
  }

  private track(client: RedisClient): RedisClient {
    client.on('error', (error: Error) => {
      this.lastError = error.message || error.name;
      this.markDown(client);
    });
    client.on('end', () => this.markDown(client));
    client.on('ready', () => this.markUp(client));
    return client;
  }

  /** Starts connecting and keeps trying: the first attempt's failure is logged, not thrown. */
  private open(client: RedisClient): void {
    client.connect().catch((error: Error) => {
      if (!this.closed) this.logger.error(`Redis connection gave up: ${error.message}`);
    });
  }

  private markDown(client: RedisClient): void {
    if (this.closed) return;
    this.down.add(client);
    this.outage ??= { since: new Date(), logged: false };
    if (this.outage.logged) return;
    this.outage.logged = true;
    this.logger.warn(
      `Redis is unreachable (${this.lastError ?? 'connection closed'}): live events still reach every reader through PostgreSQL; ` +
        'viewer counts across nodes and moderators\u2019 live view of other nodes wait until it is back. Reconnecting\u2026',
    );
  }

  private markUp(client: RedisClient): void {
    this.down.delete(client);
    if (this.down.size > 0 || this.closed || !this.outage) return;
    const { since, logged } = this.outage;
    this.outage = null;
    this.lastError = undefined;
    this.logger.log(logged ? `Redis is back after ${((Date.now() - since.getTime()) / 1000).toFixed(1)} s` : 'Redis is connected');
    this.emit('resumed');
  }

  /** From here on, connections closing are the shutdown, not an outage. */
  onModuleDestroy(): void {
    this.closed = true;
  }

  async onApplicationShutdown(): Promise<void> {
    // The adapter's own clients are closed by the adapter; the publishing client is ours.
    const client = this.client;
    if (client?.isOpen) await client.quit().catch(() => client.destroy());
  }
}

/**
 * The client with `methods` whose promises never reject (a failure is an outage RedisLink already
 * reports) and `overrides` in place of some others. Everything else is the client's own, bound to it.
 */
function settledQuietly(client: RedisClient, methods: string[], overrides: Record<string, unknown> = {}): RedisClient {
  const quiet = new Set<PropertyKey>(methods);
  return new Proxy(client, {
    get: (target, property) => {
      if (typeof property === 'string' && property in overrides) return overrides[property];
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      if (quiet.has(property)) {
        return (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(() => null);
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

function socketOptions() {
  return {
    connectTimeout: CONNECT_TIMEOUT_MS,
    // A timeout is a reason to retry too (the default gives up on one, closing the client for good).
    reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, RETRY_CAP_MS) + Math.floor(Math.random() * 100),
  };
}
