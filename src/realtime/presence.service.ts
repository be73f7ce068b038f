import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { CommentsRepository } from '../threads/comments.repository.js';
import { RedisLink } from '../redis/redis-link.js';
import { ClusterBus, type ViewerCounts } from './cluster-bus.js';
import { type ArticleStats, articleRoom, LiveEvents } from './live-events.js';

const STATS_INTERVAL_MS = 1_000;
/**
 * Each node repeats its whole count this often; a node silent for REMOTE_TTL_MS is taken as gone,
 * checked at every heartbeat: a node killed outright drops out of the counts within 25 s.
 */
const HEARTBEAT_MS = 5_000;
const REMOTE_TTL_MS = 4 * HEARTBEAT_MS;
/** After Redis comes back, the adapter's subscriber has just resubscribed too: let it settle before asking. */
const ASK_AFTER_RESUME_MS = 500;

interface ArticleStatsState {
  sent: Omit<ArticleStats, 'articleId'> | null;
  sentAt: number;
  timer: NodeJS.Timeout | null;
  count: number | null;
  /** Viewers last told to the other nodes. */
  published: number;
}

/**
 * Who is reading each article, across all nodes, and the `article.stats` events that tell them.
 * Every node counts its own sockets, tells the others when that changes (and every HEARTBEAT_MS),
 * and sends its own sockets the sum: at most one event per article per second, only on change.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private namespace: Namespace | null = null;
  private readonly articles = new Map<number, ArticleStatsState>();
  private readonly remote = new Map<number, Map<string, { viewers: number; seenAt: number }>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;
  private readonly onResumed = () => {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.beat(true), ASK_AFTER_RESUME_MS);
  };

  constructor(
    private readonly comments: CommentsRepository,
    private readonly bus: ClusterBus,
    private readonly redis: RedisLink,
  ) {}

  bind(namespace: Namespace): void {
    this.namespace = namespace;
    if (this.bus.clustered) {
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
      // Counts told while Redis was away were lost both ways: tell ours and ask for theirs.
      if (this.redis.configured) this.redis.on('resumed', this.onResumed);
      // The workers of one machine (no Redis) reach each other from the start: ask them now.
      else this.onResumed();
    }
  }

  onModuleDestroy(): void {
    this.redis.off('resumed', this.onResumed);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const state of this.articles.values()) if (state.timer) clearTimeout(state.timer);
    // Leaving: the other nodes drop our viewers now rather than after REMOTE_TTL_MS.
    this.bus.presence([], true);
  }

  viewers(articleId: number): number {
    let sum = this.localViewers(articleId);
    for (const node of this.remote.get(articleId)?.values() ?? []) sum += node.viewers;
    return sum;
  }

  /** Someone joined or left the room, here or on another node. */
  viewersChanged(articleId: number): void {
    this.schedule(articleId);
  }

  /**
   * A reader joined: the next stats go out even if they look like the last ones (the newcomer has
   * not had them), with the count read afresh (nothing kept it current while the room was empty
   * here, and a reader back from a short drop may have left it so for a moment).
   */
  joined(articleId: number): void {
    const state = this.articles.get(articleId);
    if (state) {
      state.count = null;
      state.sent = null;
    }
    this.schedule(articleId);
  }

  /** A comment appeared or vanished: the count changed. */
  countChanged(articleId: number): void {
    const state = this.articles.get(articleId);
    if (state) state.count = null;
    this.schedule(articleId);
  }

  onRemote(nodeId: string, counts: ViewerCounts, complete: boolean): void {
    const now = Date.now();
    const listed = new Set<number>();
    for (const [articleId, viewers] of counts) {
      if (!Number.isSafeInteger(articleId) || !Number.isSafeInteger(viewers)) continue;
      listed.add(articleId);
      let nodes = this.remote.get(articleId);
      if (!nodes) this.remote.set(articleId, (nodes = new Map()));
      const before = nodes.get(nodeId)?.viewers ?? 0;
      if (viewers > 0) nodes.set(nodeId, { viewers, seenAt: now });
      else nodes.delete(nodeId);
      if (nodes.size === 0) this.remote.delete(articleId);
      if (before !== viewers) this.schedule(articleId);
    }
    if (complete) {
      for (const [articleId, nodes] of this.remote) {
        if (!listed.has(articleId) && nodes.delete(nodeId)) this.forgetIfEmpty(articleId, nodes);
      }
    }
  }

  private localViewers(articleId: number): number {
    return this.namespace?.adapter.rooms.get(articleRoom(articleId))?.size ?? 0;
  }

  private schedule(articleId: number): void {
    let state = this.articles.get(articleId);
    if (!state) this.articles.set(articleId, (state = { sent: null, sentAt: 0, timer: null, count: null, published: 0 }));
    if (state.timer) return;
    const wait = Math.max(0, state.sentAt + STATS_INTERVAL_MS - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      this.flush(articleId, state).catch((error: unknown) => this.logger.error({ err: error, articleId }, 'article.stats failed'));
    }, wait);
  }

  private async flush(articleId: number, state: ArticleStatsState): Promise<void> {
    const local = this.localViewers(articleId);
    if (local !== state.published) {
      state.published = local;
      this.bus.presence([[articleId, local]], false);
    }
    if (local === 0) {
      // Nobody here to tell; start afresh when someone joins.
      this.articles.delete(articleId);
      return;
    }
    if (state.count === null) state.count = await this.comments.countApproved(articleId);
    const stats = { count: state.count, viewers: this.viewers(articleId) };
    if (state.sent && state.sent.count === stats.count && state.sent.viewers === stats.viewers) return;
    state.sent = stats;
    state.sentAt = Date.now();
    this.namespace?.local.to(articleRoom(articleId)).emit(LiveEvents.stats, { articleId, ...stats } satisfies ArticleStats);
  }

  /** Another node asks for every node's counts. */
  onAsked(): void {
    this.beat();
  }

  private beat(ask = false): void {
    const counts: ViewerCounts = [];
    for (const [articleId, state] of this.articles) if (state.published > 0) counts.push([articleId, state.published]);
    this.bus.presence(counts, true, ask);
    const expired = Date.now() - REMOTE_TTL_MS;
    for (const [articleId, nodes] of this.remote) {
      for (const [nodeId, entry] of nodes) if (entry.seenAt < expired) nodes.delete(nodeId);
      this.forgetIfEmpty(articleId, nodes);
    }
  }

  private forgetIfEmpty(articleId: number, nodes: Map<string, unknown>): void {
    if (nodes.size === 0) this.remote.delete(articleId);
    this.schedule(articleId);
  }
}
