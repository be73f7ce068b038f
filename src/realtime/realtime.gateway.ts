import { Metrics } from '../metrics/metrics.js';
import { BadRequestException, ForbiddenException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { type ArticlePlace, ArticlesService } from '../articles/articles.service.js';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../database/database-unavailable.js';
import { createValidationPipe } from '../http/validation.pipe.js';
import { RedisLink } from '../redis/redis-link.js';
import { canonicalOrigin } from '../sites/site-origin.js';
import type { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { CommentEvent, OnReaderVisibleChange } from '../threads/comment-events.js';
import { CommentsRepository } from '../threads/comments.repository.js';
import { EditTokens } from '../threads/edit-tokens.js';
import { ArticleRelay } from './article-relay.js';
import { AwaitedArticles, awaitingRoom, isAwaitingRoom } from './awaited-articles.js';
import { ClusterBus } from './cluster-bus.js';
import { ConnectionLimits } from './connection-limits.js';
import { OutboxWatch } from './outbox-watch.js';
import { JoinDto, LeaveDto, type OwnCommentDto } from './dto/join.dto.js';
import { articleIdOfRoom, articleRoom, LiveEvents, toHeldComment } from './live-events.js';
import type { ErrorAck, JoinAck } from './live-payloads.js';
import { PresenceService } from './presence.service.js';
import { ReactionBatches } from './reaction-batches.js';
import { isClusterWorker } from '../workers/worker-messages.js';

/** An article without comments yet, awaited by its URL (see AwaitedArticles). */
interface AwaitedTarget {
  site: Site;
  url: string;
  awaiting: string;
}

/** Article rooms one socket may be in at once: a page shows one thread, a front page a few. */
export const MAX_ROOMS_PER_SOCKET = 10;

/**
 * The live side of a thread. Readers `join` an article's room and receive its events (see
 * live-events.ts); the events themselves come from the outbox through ArticleRelay.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<Server> {
  private readonly logger = new Logger('Realtime');
  private readonly validation = createValidationPipe();

  constructor(
    private readonly redis: RedisLink,
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsRepository,
    private readonly editTokens: EditTokens,
    private readonly relay: ArticleRelay,
    private readonly awaited: AwaitedArticles,
    private readonly presence: PresenceService,
    private readonly bus: ClusterBus,
    private readonly outbox: OutboxWatch,
    private readonly limits: ConnectionLimits,
    private readonly reactions: ReactionBatches,
    private readonly metrics: Metrics,
  ) {}

  afterInit(server: Server): void {
    const namespace = server.of('/');
    this.metrics.gauge('kolom_live_connections', 'Live (socket.io) connections on this node.', () => server.engine.clientsCount);
    this.metrics.gauge('kolom_live_rooms', 'Rooms on this node: articles followed, and articles awaited by URL.', () => {
      // Not the adapter's count: that has a room of its own for every socket too.
      let rooms = 0;
      for (const room of namespace.adapter.rooms.keys()) if (articleIdOfRoom(room) !== null || isAwaitingRoom(room)) rooms += 1;
      return rooms;
    });
    this.metrics.gauge(
      'kolom_live_outbox_backlog',
      'Outbox events of the articles followed on this node that it has not sent to their readers yet (0 when it keeps up).',
      () => this.relay.backlog(),
    );
    this.relay.bind(namespace);
    this.awaited.bind(namespace);
    this.reactions.bind(namespace);
    // The bus first: presence starts its heartbeat only on a bus that reaches other nodes.
    this.bus.bind(namespace, this.redis.configured || isClusterWorker(), {
      presence: (nodeId, counts, complete) => this.presence.onRemote(nodeId, counts, complete),
      asked: () => this.presence.onAsked(),
    });
    this.presence.bind(namespace);
    // A page from an origin no site allows has no thread to show: refuse it at the handshake.
    namespace.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      if (origin === undefined) return next();
      const canonical = canonicalOrigin(origin);
      (canonical ? this.sites.isKnownOrigin(canonical) : Promise.resolve(false)).then(
        (known) => next(known ? undefined : new Error(`Origin ${origin} is not allowed by any site on this Kolom server.`)),
        (error: unknown) => {
          this.logger.error({ err: error }, 'origin check failed');
          next(new Error('Kolom could not check this origin just now; try again in a moment.'));
        },
      );
    });
    // Last: a connection is counted only once nothing else refuses it (its disconnect uncounts it).
    namespace.use((socket, next) => {
      if (this.limits.admit(socket)) return next();
      next(new Error(`Too many live connections from one address (at most ${this.limits.maxPerAddress}); close some and try again.`));
    });
    namespace.adapter.on('join-room', (room: string) => this.roomChanged(room, true));
    namespace.adapter.on('leave-room', (room: string) => this.roomChanged(room, false));
    namespace.adapter.on('delete-room', (room: string) => {
      const articleId = articleIdOfRoom(room);
      if (articleId !== null) this.relay.forget(articleId);
    });
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<JoinAck | ErrorAck> {
    try {
      await this.limits.join(socket);
      const join = await this.validate(JoinDto, body);
      const target = await this.articleFor(join, socket);
      const room = 'awaiting' in target ? target.awaiting : articleRoom(target.id);
      const rooms = [...socket.rooms].filter((r) => articleIdOfRoom(r) !== null || isAwaitingRoom(r)).length;
      if (!socket.rooms.has(room) && rooms >= MAX_ROOMS_PER_SOCKET) {
        throw new BadRequestException(`A connection can follow at most ${MAX_ROOMS_PER_SOCKET} articles at once: leave one first.`);
      }
      let article: ArticlePlace | null;
      if ('awaiting' in target) {
        article = await this.awaited.wait(socket, target.site, target.url);
        // No comment yet: nothing to replay, nobody's held comment, nobody counted until it starts.
        if (!article) return { articleId: null, url: target.url, viewers: 0, lastEventId: 0, replayed: 0, held: [] };
      } else article = target;
      const attached = await this.relay.attach(socket, article.id, join.lastSeenId);
      const held = join.own?.length ? await this.showHeld(socket, article.id, join.own) : [];
      return {
        articleId: article.id,
        viewers: this.presence.viewers(article.id),
        lastEventId: attached.lastEventId,
        replayed: attached.replayed,
        ...(attached.resync ? { resync: true as const } : {}),
        held,
      };
    } catch (error) {
      return this.errorAck(error);
    }
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ articleId: number } | ErrorAck> {
    try {
      const { articleId } = await this.validate(LeaveDto, body);
      await socket.leave(articleRoom(articleId));
      return { articleId };
    } catch (error) {
      return this.errorAck(error);
    }
  }

  /**
   * A comment readers can see changed on this node: this node's readers get it at once, and the
   * other nodes are told through PostgreSQL (OutboxWatch).
   */
  @OnReaderVisibleChange()
  onCommentChanged(event: CommentEvent): void {
    const { articleId } = event.comment;
    if (!this.relay.wake(articleId))
      void this.awaited.active(articleId).catch((error: unknown) => this.logger.error({ err: error }, 'awaited article check failed'));
    this.outbox.announce(articleId);
  }

  private roomChanged(room: string, joined: boolean): void {
    const articleId = articleIdOfRoom(room);
    if (articleId === null) return;
    if (joined) this.presence.joined(articleId);
    else this.presence.viewersChanged(articleId);
  }

  /** The article to follow, or, for a URL without comments yet, the room to await it in. */
  private async articleFor(join: JoinDto, socket: Socket): Promise<ArticlePlace | AwaitedTarget> {
    let site: Site;
    let target: ArticlePlace | AwaitedTarget;
    if (join.articleId !== undefined && join.articleId !== null) {
      const found = await this.articles.findPlaceById(join.articleId);
      if (!found) throw new NotFoundException('There is no such article.');
      target = found;
      site = await this.sites.getById(found.siteId);
    } else {
      site = await this.sites.getBySlug(join.site!);
      const url = this.articles.canonicalUrlFor(site, join.url!);
      target = (await this.articles.findPlaceByCanonicalUrl(site, url)) ?? { site, url, awaiting: awaitingRoom(site.id, url) };
    }
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !site.allowedOrigins.includes(canonicalOrigin(origin) ?? '')) {
      throw new ForbiddenException(`Comments for site "${site.slug}" cannot be shown on ${origin}.`);
    }
    return target;
  }

  /** The author's own comments still awaiting moderation, to this socket only. */
  private async showHeld(socket: Socket, articleId: number, own: OwnCommentDto[]): Promise<number[]> {
    const tokens = new Map(own.map((o) => [o.id, o.editToken]));
    const held: number[] = [];
    for (const comment of await this.comments.findByIds([...tokens.keys()])) {
      const proven = comment.articleId === articleId && this.editTokens.matches(comment, tokens.get(comment.id));
      if (proven && (comment.status === 'pending' || comment.status === 'spam')) {
        socket.emit(LiveEvents.held, toHeldComment(comment));
        held.push(comment.id);
      }
    }
    return held;
  }

  private async validate<T extends object>(type: new () => T, body: unknown): Promise<T> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new BadRequestException('Send an object: {site, url} or {articleId}, with lastSeenId when you have one.');
    }
    return (await this.validation.transform(body, { type: 'body', metatype: type })) as T;
  }

  private errorAck(error: unknown): ErrorAck {
    if (error instanceof HttpException) {
      const answer = error.getResponse();
      const body = typeof answer === 'string' ? { message: answer } : (answer as { message?: unknown; fields?: Record<string, string> });
      const message = Array.isArray(body.message) ? body.message.join(' ') : String(body.message ?? error.message);
      return { error: { status: error.getStatus(), message, ...(body.fields ? { fields: body.fields } : {}) } };
    }
    if (isDatabaseUnavailable(error)) return { error: { status: 503, message: DATABASE_UNAVAILABLE_MESSAGE } };
    const failure = error instanceof Error ? error : new Error(String(error));
    this.logger.error({ err: { name: failure.name, message: failure.message, stack: failure.stack } }, 'join failed');
    return { error: { status: 500, message: 'Something went wrong on our side. Please try again in a moment.' } };
  }
}
