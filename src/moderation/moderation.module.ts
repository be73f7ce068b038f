import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { SpamModule } from '../spam/spam.module.js';
import { ThreadsModule } from '../threads/threads.module.js';
import { ArticleControlsService } from './article-controls.service.js';
import { ModeratedArticlesController } from './articles.controller.js';
import { AuditController } from './audit.controller.js';
import { AuditLog } from './audit-log.js';
import { ClassifierLessonsListener } from './classifier-lessons.listener.js';
import { BansController } from './bans.controller.js';
import { CommentActionsService } from './comment-actions.service.js';
import { FirstAdmin } from './first-admin.js';
import { FlagsController } from './flags.controller.js';
import { FlagsService } from './flags.service.js';
import { ModeratedArticlesService } from './moderated-articles.service.js';
import { ModerationBansService } from './moderation-bans.service.js';
import { ModerationGateway } from './moderation.gateway.js';
import { ModeratorGuard } from './moderator.guard.js';
import { ModeratorScope } from './moderator-scope.js';
import { ModeratorSessionsService } from './moderator-sessions.service.js';
import { ModeratorsController } from './moderators.controller.js';
import { ModeratorsService } from './moderators.service.js';
import { QueueController } from './queue.controller.js';
import { QueueRepository } from './queue.repository.js';
import { QueueService } from './queue.service.js';
import { RateLimits } from './rate-limits.js';
import { SessionsController } from './sessions.controller.js';
import { SiteSettingsDeskService } from './site-settings-desk.service.js';
import { ModeratedSitesController } from './sites.controller.js';

@Module({
  imports: [SitesModule, ArticlesModule, SpamModule, ThreadsModule],
  controllers: [
    SessionsController,
    QueueController,
    BansController,
    ModeratedArticlesController,
    ModeratedSitesController,
    ModeratorsController,
    AuditController,
    FlagsController,
  ],
  providers: [
    AuditLog,
    ArticleControlsService,
    ClassifierLessonsListener,
    CommentActionsService,
    FirstAdmin,
    FlagsService,
    ModeratedArticlesService,
    ModerationBansService,
    ModerationGateway,
    ModeratorGuard,
    ModeratorScope,
    ModeratorSessionsService,
    ModeratorsService,
    QueueRepository,
    QueueService,
    RateLimits,
    SiteSettingsDeskService,
  ],
  exports: [ModeratorsService],
})
export class ModerationModule {}
