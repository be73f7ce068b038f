import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_TARGET } from '../../database/database.module.js';
import type { DatabaseTarget } from '../../database/database-target.js';
import { ENDED_SESSIONS_CHANNEL, parseEndedSessions } from './ended-sessions.js';

const RETRY_MS = [100, 250, 500, 1_000, 5_000];
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * Hears the sessions ended anywhere (another node, the CLI's moderator:password) on a PostgreSQL
 * connection of its own, and passes their ids to whoever closes live connections. While that
 * connection is down, the gateway's periodic recheck is what closes them.
 */
@Injectable()
export class EndedSessionsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EndedSessions');
  private readonly handlers: Array<(sessionIds: number[]) => void> = [];
  private client: pg.Client | null = null;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(@Inject(DATABASE_TARGET) private readonly database: DatabaseTarget) {}

  onEnded(handler: (sessionIds: number[]) => void): void {
    this.handlers.push(handler);
  }

  onApplicationBootstrap(): void {
    // The embedded database has one process: nobody else can end a session behind its back.
    if (!this.database.embedded) void this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.database.url,
      application_name: 'kolom-sessions-listener',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      const ids = parseEndedSessions(message.payload);
      if (ids.length > 0) for (const handler of this.handlers) handler(ids);
    });
    // A client with no 'error' listener would end the process when PostgreSQL goes away.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${ENDED_SESSIONS_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    this.client = client;
    this.failures = 0;
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.stopped || (this.client !== client && this.client !== null)) return;
    if (this.client === client) {
      this.client = null;
      client.end().catch(() => undefined);
    }
    if (this.retryTimer) return;
    if (this.failures === 0) this.logger.warn(`not hearing of ended sessions (${error?.message ?? 'connection closed'}): reconnecting`);
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, wait);
  }
}
