import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { isClusterWorker, onPrimaryMessage, tellPrimary } from '../workers/worker-messages.js';

/** Per article: how many of this node's sockets are in its room. */
export type ViewerCounts = Array<[articleId: number, viewers: number]>;

export interface ClusterHandlers {
  /** Another node's viewers; `complete` means articles it does not list have none there. */
  presence(nodeId: string, counts: ViewerCounts, complete: boolean): void;
  /** Another node has just joined (or rejoined after a Redis outage) and asks for everyone's counts. */
  asked(): void;
}

const PRESENCE = 'kolom:presence';

/**
 * Viewer counts between Kolom nodes, carried by the socket.io adapter: Redis streams when REDIS_URL
 * is set, else between the workers of one machine (KOLOM_WORKERS) the cluster adapter their primary
 * relays. Best effort, since a Redis outage only pauses them. Live comments do not travel here; every
 * node reads them from the PostgreSQL outbox (OutboxWatch). On a single process, with the in-memory
 * adapter, there is nobody to tell and it stays silent.
 */
@Injectable()
export class ClusterBus implements OnModuleDestroy {
  readonly nodeId = randomUUID();
  private namespace: Namespace | null = null;
  private stopListening: (() => void) | null = null;

  bind(namespace: Namespace, clustered: boolean, handlers: ClusterHandlers): void {
    if (!clustered) return;
    this.namespace = namespace;
    namespace.on(PRESENCE, (nodeId: unknown, counts: unknown, complete: unknown, ask: unknown) => {
      if (typeof nodeId !== 'string' || nodeId === this.nodeId || !Array.isArray(counts)) return;
      handlers.presence(nodeId, counts as ViewerCounts, complete === true);
      if (ask === true) handlers.asked();
    });
    if (isClusterWorker()) {
      // A worker that dies says nothing: its primary sees it go and tells the others at once, so its
      // readers leave the counts now rather than after the heartbeat's timeout.
      tellPrimary({ kolom: 'live-node', nodeId: this.nodeId });
      this.stopListening = onPrimaryMessage((message) => {
        if (message.kolom === 'live-node-gone' && message.nodeId !== this.nodeId) handlers.presence(message.nodeId, [], true);
      });
    }
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  get clustered(): boolean {
    return this.namespace !== null;
  }

  /** `ask`: the other nodes answer with their complete counts. */
  presence(counts: ViewerCounts, complete: boolean, ask = false): void {
    this.namespace?.serverSideEmit(PRESENCE, this.nodeId, counts, complete, ask);
  }
}
