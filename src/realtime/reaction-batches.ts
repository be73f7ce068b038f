import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import type { Namespace } from 'socket.io';
import { ARTICLE_CHANGED, ArticleChangedEvent } from '../articles/article-changed.event.js';
import { COMMENT_REACTED, CommentReactedEvent } from '../reactions/reaction-events.js';
import { ReactionsRepository } from '../reactions/reactions.repository.js';
import { articleRoom, LiveEvents, type ReactionCounts } from './live-events.js';
import { OutboxWatch } from './outbox-watch.js';

/** At most one `comment.reactions` per article per this long, from each node. */
const BATCH_MS = 1_000;

interface ArticleBatch {
  /** Comments whose likes changed since the last batch (here, or on another node). */
  changed: Set<number>;
  /** Those changed on this node: the other nodes are told of them. */
  here: Set<number>;
  /** Some changed on another node: this node's cached pages of the article are old. */
  elsewhere: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * Like counts, live: `comment.reactions` to an article's room with the counts that changed, at most
 * once a second per article.
 *
 * Not through the outbox, on purpose: a like is not part of a thread's history that a reconnecting
 * reader must have replayed (the thread page it reloads carries fresh counts), and an outbox row
 * per like would make a popular comment cost a write and a relay read per reader's click. Instead
 * each node coalesces: the first change of a quiet article goes out at once, later ones wait for
 * the end of that second and go together, the counts read afresh from `comments.like_count` (so a
 * batch always says the latest, whoever wrote it). Other nodes hear of the changed comments by one
 * NOTIFY per article per batch on the outbox channel (OutboxWatch), and send their own readers the
 * counts they read the same way; each node emits only to its own sockets (`local`), so a reader
 * gets one event per batch with or without Redis. A batch from another node also tells this node's
 * thread page cache that the article's pages show old counts (a like here tells it at once).
 */
@Injectable()
export class ReactionBatches implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReactionBatches');
  private namespace: Namespace | null = null;
  private readonly articles = new Map<number, ArticleBatch>();
  /** Batches sent, for tests and benchmarks. */
  sent = 0;

  constructor(
    private readonly reactions: ReactionsRepository,
    private readonly outbox: OutboxWatch,
    private readonly events: EventEmitter2,
  ) {}

  bind(namespace: Namespace): void {
    this.namespace = namespace;
  }

  onModuleInit(): void {
    this.outbox.onReactions((articleId, commentIds) => this.changed(articleId, commentIds, false));
  }

  onModuleDestroy(): void {
    for (const batch of this.articles.values()) if (batch.timer) clearTimeout(batch.timer);
    this.articles.clear();
  }

  @OnEvent(COMMENT_REACTED)
  reacted({ articleId, commentId }: CommentReactedEvent): void {
    this.changed(articleId, [commentId], true);
  }

  private changed(articleId: number, commentIds: number[], here: boolean): void {
    let batch = this.articles.get(articleId);
    if (!batch) {
      batch = { changed: new Set(), here: new Set(), elsewhere: false, timer: null };
      this.articles.set(articleId, batch);
      // A quiet article: this change goes out now, and the next ones wait for the rest of the second.
      this.schedule(articleId, batch, 0);
    }
    for (const id of commentIds) {
      batch.changed.add(id);
      if (here) batch.here.add(id);
    }
    if (!here) batch.elsewhere = true;
  }

  private schedule(articleId: number, batch: ArticleBatch, wait: number): void {
    batch.timer = setTimeout(() => {
      batch.timer = null;
      this.flush(articleId, batch).catch((error: unknown) => this.logger.error({ err: error, articleId }, 'comment.reactions failed'));
    }, wait);
    batch.timer.unref();
  }

  private async flush(articleId: number, batch: ArticleBatch): Promise<void> {
    if (batch.changed.size === 0) {
      // A second without likes: the article is quiet again.
      this.articles.delete(articleId);
      return;
    }
    const changed = [...batch.changed];
    const here = [...batch.here];
    const elsewhere = batch.elsewhere;
    batch.changed.clear();
    batch.here.clear();
    batch.elsewhere = false;
    // The next batch of this article, a second from now: it sends what came meanwhile, or ends the run.
    this.schedule(articleId, batch, BATCH_MS);
    if (here.length > 0) this.outbox.announceReactions(articleId, here);
    // This node's likes refreshed its cached pages at once (ThreadPageCache); other nodes' do now.
    if (elsewhere) this.events.emit(ARTICLE_CHANGED, new ArticleChangedEvent(articleId));
    const room = articleRoom(articleId);
    if (!this.namespace?.adapter.rooms.get(room)?.size) return;
    const counts = await this.reactions.counts(changed);
    if (counts.length === 0) return;
    this.sent += 1;
    this.namespace.local.to(room).emit(LiveEvents.reactions, { articleId, counts } satisfies ReactionCounts);
  }
}
