import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';

/** Per article: how many of this node's sockets are in its room. */
export type ViewerCounts = Array<[articleId: number, viewers: number]>;

export interface ClusterHandlers {
  /** Another node committed events for the article: read the outbox. */
  wake(articleId: number): void;
  /** Another node's viewers; `complete` means articles it does not list have none there. */
  presence(nodeId: string, counts: ViewerCounts, complete: boolean): void;
}

const WAKE = 'kolom:wake';
const PRESENCE = 'kolom:presence';

/**
 * Messages between Kolom nodes, carried by the socket.io adapter (Redis streams when REDIS_URL is
 * set). On a single node, with the in-memory adapter, there is nobody to tell and it stays silent.
 */
@Injectable()
export class ClusterBus {
  readonly nodeId = randomUUID();
  private namespace: Namespace | null = null;
  private readonly wakes = new Set<number>();

  bind(namespace: Namespace, clustered: boolean, handlers: ClusterHandlers): void {
    if (!clustered) return;
    this.namespace = namespace;
    namespace.on(WAKE, (articleId: unknown) => {
      if (typeof articleId === 'number') handlers.wake(articleId);
    });
    namespace.on(PRESENCE, (nodeId: unknown, counts: unknown, complete: unknown) => {
      if (typeof nodeId === 'string' && nodeId !== this.nodeId && Array.isArray(counts)) {
        handlers.presence(nodeId, counts as ViewerCounts, complete === true);
      }
    });
  }

  get clustered(): boolean {
    return this.namespace !== null;
  }

  /** Wakes asked for in one turn of the event loop (a bulk action asks 500 times for one article) go out once each. */
  wake(articleId: number): void {
    if (!this.namespace) return;
    if (this.wakes.size === 0) queueMicrotask(() => this.sendWakes());
    this.wakes.add(articleId);
  }

  private sendWakes(): void {
    for (const articleId of this.wakes) this.namespace?.serverSideEmit(WAKE, articleId);
    this.wakes.clear();
  }

  presence(counts: ViewerCounts, complete: boolean): void {
    this.namespace?.serverSideEmit(PRESENCE, this.nodeId, counts, complete);
  }
}
