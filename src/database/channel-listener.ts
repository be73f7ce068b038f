import pg from 'pg';

const RETRY_MS = [100, 250, 500, 1_000];
const CONNECT_TIMEOUT_MS = 3_000;

export interface ChannelEvents {
  /** A NOTIFY arrived on the channel. */
  notified(payload: string | undefined): void;
  /** LISTEN is in place (at start, and after every reconnection); `after` counts the failed tries before it. */
  listening(after: number): void;
  /** The connection was lost or could not be made; `first` is true once per outage. */
  lost(error: Error | null, first: boolean): void;
}

/**
 * One PostgreSQL connection of its own, LISTENing on one channel, that comes back by itself: a
 * NOTIFY reaches only connections listening when it is sent, so every node keeps one open for as
 * long as it runs (pooled connections are lent out and returned, and cannot listen).
 */
export class ChannelListener {
  private client: pg.Client | null = null;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly applicationName: string,
    private readonly events: ChannelEvents,
  ) {}

  start(): void {
    void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: this.applicationName,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => this.events.notified(message.payload));
    // A client with no 'error' listener would end the process when PostgreSQL goes away.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) return void client.end().catch(() => undefined);
    this.client = client;
    const after = this.failures;
    this.failures = 0;
    this.events.listening(after);
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (this.stopped || (this.client !== client && this.client !== null)) return;
    if (this.client === client) {
      this.client = null;
      client.end().catch(() => undefined);
    }
    if (this.retryTimer) return;
    this.events.lost(error, this.failures === 0);
    const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, wait);
  }
}
