import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ArticlesModule } from './articles/articles.module.js';
import type { KolomConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import type { DatabaseTarget } from './database/database-target.js';
import { DeskModule } from './desk/desk.module.js';
import { EmbedModule } from './embed/embed.module.js';
import { HealthModule } from './health/health.module.js';
import { HousekeepingModule } from './housekeeping/housekeeping.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ModerationModule } from './moderation/moderation.module.js';
import { ReaderLinksModule } from './notifications/links/reader-links.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ReactionsModule } from './reactions/reactions.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SecretsModule } from './secrets/secrets.module.js';
import { ShutdownModule } from './shutdown/shutdown.module.js';
import { SitesModule } from './sites/sites.module.js';
import { ThreadsModule } from './threads/threads.module.js';

@Module({})
export class AppModule {
  static forRoot(config: KolomConfig, database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(database),
        EventEmitterModule.forRoot(),
        RedisModule,
        ShutdownModule,
        SecretsModule,
        MetricsModule,
        HealthModule,
        SitesModule,
        ArticlesModule,
        ThreadsModule,
        ReactionsModule,
        RealtimeModule,
        ModerationModule,
        NotificationsModule,
        ReaderLinksModule,
        EmbedModule,
        DeskModule,
        HousekeepingModule,
      ],
    };
  }
}
