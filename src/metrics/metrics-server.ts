import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import { MailOutbox } from '../notifications/mail-outbox.repository.js';
import { AggregatorRegistry, type RegistryContentType } from 'prom-client';
import { listenForScrapes } from './metrics-endpoint.js';
import { Metrics } from './metrics.js';

/**
 * `/metrics` on METRICS_PORT, a server of its own bound to METRICS_HOST (127.0.0.1 unless told):
 * never on the public port, so a reverse proxy in front of Kolom cannot expose it by accident.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;
  private answersPrimary: AggregatorRegistry<RegistryContentType> | null = null;

  constructor(
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
    private readonly mailOutbox: MailOutbox,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.metrics;
    if (!settings) return;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (pool) {
      this.metrics.gauge('kolom_db_pool_connections', 'Database connections this node holds.', () => pool.totalCount);
      this.metrics.gauge('kolom_db_pool_idle', 'Idle database connections.', () => pool.idleCount);
      this.metrics.gauge('kolom_db_pool_waiting', 'Queries waiting for a database connection.', () => pool.waitingCount);
    }
    this.metrics.gauge(
      'kolom_mail_outbox_queued',
      'Email waiting to be sent (every node sees the same outbox).',
      async () => (await this.mailOutbox.counts()).queued,
      // The same count from every worker: summing them would multiply it.
      'max',
    );
    if (cluster.isWorker) {
      // One of KOLOM_WORKERS: the primary serves METRICS_PORT and asks every worker for its registry.
      // Making an AggregatorRegistry is what sets this worker to answer those requests.
      this.answersPrimary = new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.metrics.registry]);
      return;
    }
    this.server = await listenForScrapes(settings, () => this.metrics.registry.metrics(), this.metrics.registry.contentType);
    this.logger.log(`metrics on http://${settings.host}:${settings.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
