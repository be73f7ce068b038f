import { ConnectionLimits } from './connection-limits.js';
import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module.js';
import { ReactionsModule } from '../reactions/reactions.module.js';
import { ReactionBatches } from './reaction-batches.js';
import { SitesModule } from '../sites/sites.module.js';
import { ThreadsModule } from '../threads/threads.module.js';
import { ArticleRelay } from './article-relay.js';
import { AsyncApiController } from './asyncapi.controller.js';
import { AwaitedArticles } from './awaited-articles.js';
import { ClusterBus } from './cluster-bus.js';
import { OutboxWatch } from './outbox-watch.js';
import { PresenceService } from './presence.service.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({
  imports: [SitesModule, ArticlesModule, ThreadsModule, ReactionsModule],
  controllers: [AsyncApiController],
  providers: [RealtimeGateway, ConnectionLimits, ArticleRelay, AwaitedArticles, PresenceService, ClusterBus, OutboxWatch, ReactionBatches],
  exports: [OutboxWatch],
})
export class RealtimeModule {}
