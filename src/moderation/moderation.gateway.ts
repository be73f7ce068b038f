import { HttpException, Logger, OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { RedisLink } from '../redis/redis-link.js';
import { CommentEvent, CommentEvents } from '../threads/comment-events.js';
import { CommentFlaggedEvent, ModerationActedEvent, ModerationEvents, ModeratorRemovedEvent, SignedOutEvent } from './moderation-events.js';
import type { ModeratorIdentity } from './accounts/moderator-identity.js';
import { EndedSessionsListener } from './accounts/ended-sessions.listener.js';
import { ModeratorSessionsService, SESSION_ENDED } from './accounts/moderator-sessions.service.js';
import { bearerToken } from './accounts/moderator.guard.js';
import type { QueueAdded, QueueUpdated } from './queue/queue.js';
import { QueueService } from './queue/queue.service.js';

export const ModerationLiveEvents = {
  /** A comment entered a queue, or its item changed there (one more flag): `{item, counts}`. */
  added: 'queue.added',
  /** A moderator acted: `{ids, action, status, by, counts}`; drop those items from other queues. */
  updated: 'queue.updated',
} as const;

const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often this node checks that its moderators' sessions still exist (see recheckSessions). */
const SESSION_RECHECK_MS = 60_000;

const siteRoom = (siteId: number) => `site:${siteId}`;
const ALL_SITES = 'all-sites';
const sessionRoom = (sessionId: number) => `session:${sessionId}`;
const moderatorRoom = (moderatorId: number) => `moderator:${moderatorId}`;

/**
 * The moderators' live view, namespace /moderation. The handshake carries the bearer token
 * (`auth: {token}`, or an Authorization header); without a valid one the connection is refused.
 * Each moderator hears about the sites it moderates only. Emits go through the adapter, so with
 * Redis every node's moderators hear of every node's comments, and without it every worker's of
 * one machine's (the cluster adapter, KOLOM_WORKERS).
 */
@WebSocketGateway({ namespace: '/moderation' })
export class ModerationGateway implements OnGatewayInit<Namespace>, OnModuleDestroy {
  private readonly logger = new Logger('ModerationLive');
  private namespace: Namespace;
  private recheck: NodeJS.Timeout | null = null;
  private readonly onRedisResumed = () => void this.recheckSessions();
  /**
   * Sessions announced as ended since the last recheck: a connection whose token was checked just
   * before its session ended, and that joins its rooms just after the announcement, is refused here.
   */
  private readonly endedLately = new Set<number>();

  constructor(
    private readonly sessions: ModeratorSessionsService,
    private readonly queue: QueueService,
    private readonly redis: RedisLink,
    endedSessions: EndedSessionsListener,
  ) {
    // Each node closes its own connections of sessions ended anywhere, the CLI included.
    endedSessions.onEnded((sessionIds) => {
      for (const id of sessionIds) this.endedLately.add(id);
      this.namespace?.local.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
    });
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.recheck = setInterval(() => void this.recheckSessions(), SESSION_RECHECK_MS);
    this.recheck.unref();
    this.redis.on('resumed', this.onRedisResumed);
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      this.sessions
        .authenticate(typeof token === 'string' ? token : bearerToken(socket.handshake.headers.authorization))
        .then((moderator) => {
          if (this.endedLately.has(moderator.sessionId)) return next(new Error(SESSION_ENDED));
          socket.data.moderator = moderator;
          void socket.join(roomsOf(moderator));
          this.closeAtExpiry(socket, moderator);
          next();
        })
        .catch((error: Error) => next(refusal(error)));
    });
  }

  onModuleDestroy(): void {
    if (this.recheck) clearInterval(this.recheck);
    this.redis.off('resumed', this.onRedisResumed);
  }

  /**
   * A sign-out or removal on another node reaches this one through Redis; one made while Redis was
   * away never does. So after an outage, and every SESSION_RECHECK_MS regardless, the sessions
   * behind this node's connections are checked against the database, and the ended ones closed.
   */
  async recheckSessions(): Promise<void> {
    // What the announcements said, the database now says too.
    this.endedLately.clear();
    const sockets = [...(this.namespace?.sockets.values() ?? [])];
    const sessionOf = (socket: Socket) => (socket.data.moderator as ModeratorIdentity | undefined)?.sessionId;
    const ids = [...new Set(sockets.map(sessionOf).filter((id): id is number => id !== undefined))];
    if (ids.length === 0) return;
    try {
      const active = await this.sessions.stillActive(ids);
      for (const socket of sockets) {
        const id = sessionOf(socket);
        if (id !== undefined && !active.has(id)) socket.disconnect(true);
      }
    } catch (error) {
      this.logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'could not recheck moderator sessions');
    }
  }

  @OnEvent(CommentEvents.held, { async: true, promisify: true })
  async onHeld(event: CommentEvent): Promise<void> {
    await this.announce(event.comment.id, event.comment.siteId);
  }

  @OnEvent(ModerationEvents.flagged, { async: true, promisify: true })
  async onFlagged(event: CommentFlaggedEvent): Promise<void> {
    // A flag that held the comment is announced once, as the comment's comment.held.
    if (event.held) return;
    await this.announce(event.comment.id, event.comment.siteId);
  }

  @OnEvent(ModerationEvents.acted, { async: true, promisify: true })
  async onActed(event: ModerationActedEvent): Promise<void> {
    await this.safely(async () => {
      const bySite = new Map<number, QueueUpdated['changes']>();
      for (const { comment, from, to } of event.changes) {
        const changes = bySite.get(comment.siteId) ?? [];
        changes.push({ id: comment.id, from, to });
        bySite.set(comment.siteId, changes);
      }
      for (const [siteId, changes] of bySite) {
        const update: QueueUpdated = { siteId, action: event.action, changes, by: event.moderator, counts: await this.queue.countsOfSite(siteId) };
        this.namespace.to([siteRoom(siteId), ALL_SITES]).emit(ModerationLiveEvents.updated, update);
      }
    });
  }

  /**
   * A session that runs out ends its live view as well: a desk left open overnight must not go on
   * receiving authors' emails and addresses on a token that no longer opens anything.
   */
  private closeAtExpiry(socket: Socket, moderator: ModeratorIdentity): void {
    // setTimeout holds 2^31-1 ms at most (24.8 days); sessions are far shorter.
    const remaining = Math.min(moderator.sessionExpiresAt.getTime() - Date.now(), MAX_TIMER_MS);
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, remaining));
    socket.once('disconnect', () => clearTimeout(timer));
  }

  /** Signing out ends the live view too, on every node. */
  @OnEvent(ModerationEvents.signedOut)
  onSignedOut(event: SignedOutEvent): void {
    this.namespace?.in(sessionRoom(event.sessionId)).disconnectSockets(true);
  }

  @OnEvent(ModerationEvents.moderatorRemoved)
  onModeratorRemoved(event: ModeratorRemovedEvent): void {
    this.namespace?.in(moderatorRoom(event.moderatorId)).disconnectSockets(true);
  }

  private async announce(commentId: number, siteId: number): Promise<void> {
    await this.safely(async () => {
      const [[item], counts] = await Promise.all([this.queue.itemsByIds([commentId]), this.queue.countsOfSite(siteId)]);
      if (!item) return;
      const added: QueueAdded = { item, counts };
      this.namespace.to([siteRoom(siteId), ALL_SITES]).emit(ModerationLiveEvents.added, added);
    });
  }

  /** A live notice that fails must not fail what caused it; the queue itself is always right. */
  private async safely(work: () => Promise<void>): Promise<void> {
    if (!this.namespace) return;
    try {
      await work();
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'could not tell moderators');
    }
  }
}

function roomsOf(moderator: ModeratorIdentity): string[] {
  const sites = moderator.isAdmin ? [ALL_SITES] : moderator.siteIds.map(siteRoom);
  return [...sites, sessionRoom(moderator.sessionId), moderatorRoom(moderator.id)];
}

/**
 * The handshake's refusal: the message, and the API's machine-readable `code` where it has one
 * (`password-change-required`), which socket.io hands the client as the connect_error's `data`.
 */
function refusal(error: Error): Error & { data?: { code: string } } {
  const refused: Error & { data?: { code: string } } = new Error(error.message);
  const answer = error instanceof HttpException ? error.getResponse() : null;
  const code = typeof answer === 'object' && answer !== null ? (answer as { code?: unknown }).code : undefined;
  if (typeof code === 'string') refused.data = { code };
  return refused;
}
