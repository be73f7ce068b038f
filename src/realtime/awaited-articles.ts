import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { type ArticlePlace, ArticlesService } from '../articles/articles.service.js';
import type { Site } from '../sites/site.entity.js';
import { ArticleRelay } from './article-relay.js';
import { LiveEvents } from './live-events.js';

const ROOM_PREFIX = 'awaiting:';
/** Articles looked up per sweep query. */
const SWEEP_BATCH = 500;

export function awaitingRoom(siteId: number, url: string): string {
  return `${ROOM_PREFIX}${siteId}|${url}`;
}

export function isAwaitingRoom(room: string): boolean {
  return room.startsWith(ROOM_PREFIX);
}

function pairOfRoom(room: string): [siteId: number, url: string] {
  const rest = room.slice(ROOM_PREFIX.length);
  const bar = rest.indexOf('|');
  return [Number(rest.slice(0, bar)), rest.slice(bar + 1)];
}

/**
 * Readers of an article nobody has commented on yet. It has no row and no id (reading never
 * creates one), so they wait in a room named by site and canonical URL. When its first comment
 * creates it, on this node or another, they are told its id (`article.started`) and moved into its
 * room, with the events so far replayed: the first comment reaches every open page live.
 *
 * Found three ways, like every other live event: this node's own commits, other nodes'
 * announcements of theirs (both through ArticleRelay's callers), and OutboxWatch's sweep, which
 * also finds articles started by a comment still held (no event, but readers follow it from then).
 */
@Injectable()
export class AwaitedArticles {
  private namespace: Namespace | null = null;
  /** This node's awaiting rooms, so commits elsewhere cost nothing while there are none. */
  private readonly rooms = new Set<string>();

  constructor(
    private readonly articles: ArticlesService,
    private readonly relay: ArticleRelay,
  ) {}

  bind(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.adapter.on('create-room', (room: string) => {
      if (isAwaitingRoom(room)) this.rooms.add(room);
    });
    namespace.adapter.on('delete-room', (room: string) => this.rooms.delete(room));
  }

  /**
   * Puts the socket in the URL's awaiting room. Looks again once it is in: a first comment that
   * committed between the reader's first look and the join would otherwise be missed.
   */
  async wait(socket: Socket, site: Site, url: string): Promise<ArticlePlace | null> {
    const room = awaitingRoom(site.id, url);
    await socket.join(room);
    const started = await this.articles.findPlaceByCanonicalUrl(site, url);
    if (started) await socket.leave(room);
    return started;
  }

  /** Readers' events were committed for an article no room on this node follows: perhaps its first. */
  async active(articleId: number): Promise<void> {
    if (this.rooms.size === 0) return;
    const place = await this.articles.findPlaceById(articleId);
    if (place) await this.started(place);
  }

  /** Every awaited article that has started since its readers began waiting. */
  async sweep(): Promise<void> {
    const rooms = [...this.rooms];
    for (let from = 0; from < rooms.length; from += SWEEP_BATCH) {
      const started = await this.articles.findPlacesByCanonicalUrls(rooms.slice(from, from + SWEEP_BATCH).map(pairOfRoom));
      for (const place of started) await this.started(place);
    }
  }

  private async started(place: ArticlePlace): Promise<void> {
    const room = awaitingRoom(place.siteId, place.url);
    const waiting = this.namespace?.adapter.rooms.get(room);
    if (!this.namespace || !waiting) return;
    const sockets = [...waiting].flatMap((id) => this.namespace!.sockets.get(id) ?? []);
    for (const socket of sockets) {
      await socket.leave(room);
      // The id first, so the client knows the events that follow are this article's.
      socket.emit(LiveEvents.started, { articleId: place.id, url: place.url });
    }
    // Everything since the article's first event, read once for them all.
    await this.relay.attachAll(sockets, place.id, 0);
  }
}
