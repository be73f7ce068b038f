import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Mailer } from '../notifications/mailer.js';
import { MailOutbox } from '../notifications/mail-outbox.repository.js';
import { OutboxWatch, type WakeChannelHealth } from '../realtime/outbox-watch.js';
import { RedisLink, type RedisHealth } from '../redis/redis-link.js';
import { ShutdownService } from '../shutdown/shutdown.service.js';

const PING_TIMEOUT_MS = 2_000;

export interface Health {
  /**
   * `ok`; `degraded` while Redis or the commit listener is away (the node still serves); `error`
   * without a database; `stopping` once it was asked to stop (take it out of rotation).
   */
  status: 'ok' | 'degraded' | 'error' | 'stopping';
  checks: {
    /** Why it is down is in the log: /health is public, and driver errors name internal hosts. */
    database: { status: 'up' | 'down' };
    redis: RedisHealth;
    /** How other nodes' comments reach this node's readers: PostgreSQL notifications. */
    commitListener: WakeChannelHealth;
    /**
     * Email never decides whether a node serves. `off` without SMTP_URL; else the messages waiting
     * to be sent and those given up on in the last day (the log says why, without addresses).
     */
    mail: { status: 'off' } | { status: 'on'; queued: number | null; failed: number | null };
  };
}

/**
 * What a load balancer and an operator need to know. Only PostgreSQL decides whether this node can
 * serve; Redis and the listening connection speed up what crosses nodes, so their absence is
 * reported as degraded, never as down (taking every node out of rotation for a Redis blip would
 * turn a slower site into no site).
 */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisLink,
    private readonly outbox: OutboxWatch,
    private readonly shutdown: ShutdownService,
    private readonly mailer: Mailer,
    private readonly mailOutbox: MailOutbox,
  ) {}

  async check(): Promise<Health> {
    const database = await this.pingDatabase();
    const redis = this.redis.health();
    const commitListener = this.outbox.health();
    const degraded = redis.status === 'degraded' || commitListener.status === 'reconnecting';
    const mail = await this.mail(database.status === 'up');
    return {
      status: this.shutdown.stopping ? 'stopping' : database.status === 'down' ? 'error' : degraded ? 'degraded' : 'ok',
      checks: { database, redis, commitListener, mail },
    };
  }

  private async mail(databaseUp: boolean): Promise<Health['checks']['mail']> {
    if (!this.mailer.enabled) return { status: 'off' };
    const counts = databaseUp ? await this.mailOutbox.counts().catch(() => null) : null;
    return { status: 'on', queued: counts?.queued ?? null, failed: counts?.failed ?? null };
  }

  private async pingDatabase(): Promise<Health['checks']['database']> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'up' };
    } catch {
      return { status: 'down' };
    } finally {
      clearTimeout(timer);
    }
  }
}
