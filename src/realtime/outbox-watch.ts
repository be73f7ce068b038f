import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChannelListener } from '../database/channel-listener.js';
import { DATABASE_TARGET } from '../database/database.module.js';
import type { DatabaseTarget } from '../database/database-target.js';
import { ArticleRelay } from './article-relay.js';
import { AwaitedArticles } from './awaited-articles.js';
import { CommitAnnouncer, OUTBOX_CHANNEL, parseAnnouncement } from './commit-announcer.js';
import { parseReactionAnnouncement, reactionAnnouncements } from './reaction-announcements.js';

/** How often every followed article is checked against the outbox, as a backstop to notifications. */
const SWEEP_MS = 10_000;
/** …and while notifications cannot arrive (the listening connection is down). */
const SWEEP_DEGRADED_MS = 1_000;

export interface WakeChannelHealth {
  /** `off`: the embedded database, one node (its own commits wake it). */
  status: 'off' | 'listening' | 'reconnecting';
  since?: string;
}

/**
 * How this node learns that the outbox grew, so that readers here get every event whichever node
 * committed it, with no help from Redis. Its own commits wake it at once (RealtimeGateway); it
 * announces them to the other nodes with NOTIFYs listing the articles (CommitAnnouncer), which
 * PostgreSQL delivers to every node listening on a connection of its own; and a sweep compares
 * each followed article with the outbox: every second while the listening connection is down,
 * right after it is back, and every SWEEP_MS regardless, so that a lost
 * announcement (a node that died between its commit and the NOTIFY, a writer that is not a Kolom
 * node) delays events by that much and never loses them.
 *
 * Not a pg_notify in the outbox trigger: PostgreSQL serialises the commits of notifying
 * transactions, and inside the comment's transaction that meant waiting with the article's lock
 * held and the WAL flush still to come; `npm run bench:outbox` measured inserts at half the rate.
 * A NOTIFY of its own holds no lock of ours, and one at a time carries every article since the last.
 */
@Injectable()
export class OutboxWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxWatch');
  private readonly listener: ChannelListener;
  private listening = false;
  private downSince: Date | null = null;
  private stopped = false;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private sweepAgain = false;
  private readonly nodeId = randomUUID();
  private readonly announcer: CommitAnnouncer;
  private reactionsHeard: (articleId: number, commentIds: number[]) => void = () => undefined;

  constructor(
    @Inject(DATABASE_TARGET) private readonly database: DatabaseTarget,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: ArticleRelay,
    private readonly awaited: AwaitedArticles,
  ) {
    this.announcer = new CommitAnnouncer(this.nodeId, (payload) => this.dataSource.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, payload]));
    this.listener = new ChannelListener(database.url, OUTBOX_CHANNEL, 'kolom-listener', {
      notified: (payload) => this.notified(payload),
      listening: (after) => this.listeningAgain(after),
      lost: (error, first) => this.lost(error, first),
    });
  }

  /** Readers' events of the article committed on this node: tell the other nodes. */
  announce(articleId: number): void {
    if (!this.database.embedded && !this.stopped) this.announcer.committed(articleId);
  }

  /**
   * Likes changed these comments' counts on this node: tell the other nodes, whose ReactionBatches
   * read the counts themselves. Best effort, like every wake-up: a lost one leaves a count on
   * other nodes' open pages behind until its next change or a reload.
   */
  announceReactions(articleId: number, commentIds: number[]): void {
    if (this.database.embedded || this.stopped) return;
    for (const payload of reactionAnnouncements(this.nodeId, articleId, commentIds)) {
      this.dataSource.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, payload]).catch((error: unknown) => {
        this.logger.debug(`reaction announcement failed: ${(error as Error).message}`);
      });
    }
  }

  /** Who hears other nodes' reaction announcements (ReactionBatches). */
  onReactions(heard: (articleId: number, commentIds: number[]) => void): void {
    this.reactionsHeard = heard;
  }

  health(): WakeChannelHealth {
    if (this.database.embedded) return { status: 'off' };
    if (this.listening) return { status: 'listening' };
    return { status: 'reconnecting', ...(this.downSince ? { since: this.downSince.toISOString() } : {}) };
  }

  onApplicationBootstrap(): void {
    // Two processes cannot share the embedded database: there is nobody else to hear.
    if (!this.database.embedded) {
      this.downSince = new Date();
      this.listener.start();
    }
    this.scheduleSweep();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.listener.stop();
  }

  private listeningAgain(after: number): void {
    this.listening = true;
    if (after > 0) {
      const outage = this.downSince ? ((Date.now() - this.downSince.getTime()) / 1000).toFixed(1) : '?';
      this.logger.log(`listening for commits again after ${outage} s; catching up every followed article`);
    }
    this.downSince = null;
    // Whatever committed while we were not listening is in the outbox: look now.
    this.scheduleSweep(0);
  }

  private lost(error: Error | null, first: boolean): void {
    if (this.listening || this.downSince === null) this.downSince = new Date();
    this.listening = false;
    if (first) {
      // The error of a connection is a driver message: no parameters, so nothing private.
      this.logger.warn(`not listening for commits (${error?.message ?? 'connection closed'}): checking the outbox every second until back`);
      this.scheduleSweep();
    }
  }

  private notified(payload: string | undefined): void {
    const reactions = parseReactionAnnouncement(payload);
    if (reactions) {
      if (reactions.nodeId !== this.nodeId) this.reactionsHeard(reactions.articleId, reactions.commentIds);
      return;
    }
    const announcement = parseAnnouncement(payload);
    // Our own announcements: this node woke when it committed.
    if (!announcement || announcement.nodeId === this.nodeId) return;
    for (const articleId of announcement.articleIds) {
      if (!this.relay.wake(articleId))
        void this.awaited.active(articleId).catch((error: unknown) => this.logger.debug(`awaited article check failed: ${(error as Error).message}`));
    }
  }

  private scheduleSweep(delay = this.listening || this.database.embedded ? SWEEP_MS : SWEEP_DEGRADED_MS): void {
    if (this.stopped) return;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => void this.sweep(), delay);
    this.sweepTimer.unref();
  }

  private async sweep(): Promise<void> {
    this.sweepTimer = null;
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = true;
    try {
      await this.relay.sweep();
      await this.awaited.sweep();
    } catch (error) {
      // The database is away: the next sweep tries again; nothing is lost, it is all in the outbox.
      this.logger.debug(`outbox sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
      this.scheduleSweep(this.sweepAgain ? 0 : undefined);
      this.sweepAgain = false;
    }
  }
}
