import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { SpamModule } from '../spam/spam.module.js';
import { ThreadsModule } from '../threads/threads.module.js';
import { ArticleControlsService } from './articles/article-controls.service.js';
import { ModeratedArticlesController } from './articles/articles.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditLog } from './audit/audit-log.js';
import { EditHoldsListener } from './audit/edit-holds.listener.js';
import { ClassifierLessonsListener } from './queue/classifier-lessons.listener.js';
import { BansController } from './bans/bans.controller.js';
import { CommentActionsService } from './queue/comment-actions.service.js';
import { EndedSessionsListener } from './accounts/ended-sessions.listener.js';
import { OwnPasswordService } from './accounts/own-password.service.js';
import { PasswordChecks } from './accounts/password-checks.js';
import { FirstAdmin } from './accounts/first-admin.js';
import { FlagsController } from './flags/flags.controller.js';
import { FlagsService } from './flags/flags.service.js';
import { ModeratedArticlesService } from './articles/moderated-articles.service.js';
import { ModerationBansService } from './bans/moderation-bans.service.js';
import { ModerationGateway } from './moderation.gateway.js';
import { NewsroomController } from './newsroom/newsroom.controller.js';
import { NewsroomService } from './newsroom/newsroom.service.js';
import { ModeratorGuard } from './accounts/moderator.guard.js';
import { ModeratorScope } from './accounts/moderator-scope.js';
import { ModeratorSessionsService } from './accounts/moderator-sessions.service.js';
import { ModeratorsController } from './accounts/moderators.controller.js';
import { ModeratorsService } from './accounts/moderators.service.js';
import { QueueController } from './queue/queue.controller.js';
import { QueueRepository } from './queue/queue.repository.js';
import { QueueService } from './queue/queue.service.js';
import { RateLimitsModule } from '../rate-limits/rate-limits.module.js';
import { SessionsController } from './accounts/sessions.controller.js';
import { SiteSettingsDeskService } from './sites/site-settings-desk.service.js';
import { ModeratedSitesController } from './sites/sites.controller.js';
import { SiteExportController } from './export/site-export.controller.js';
import { SiteExportService } from './export/site-export.service.js';

@Module({
  imports: [SitesModule, ArticlesModule, SpamModule, ThreadsModule, RateLimitsModule],
  controllers: [
    SessionsController,
    // Before QueueController: its `comments/:id/:action` would take `comments/:id/replies`.
    NewsroomController,
    QueueController,
    BansController,
    ModeratedArticlesController,
    ModeratedSitesController,
    SiteExportController,
    ModeratorsController,
    AuditController,
    FlagsController,
  ],
  providers: [
    AuditLog,
    ArticleControlsService,
    ClassifierLessonsListener,
    EditHoldsListener,
    CommentActionsService,
    FirstAdmin,
    FlagsService,
    ModeratedArticlesService,
    ModerationBansService,
    NewsroomService,
    EndedSessionsListener,
    OwnPasswordService,
    PasswordChecks,
    ModerationGateway,
    ModeratorGuard,
    ModeratorScope,
    ModeratorSessionsService,
    ModeratorsService,
    QueueRepository,
    QueueService,
    SiteExportService,
    SiteSettingsDeskService,
  ],
  exports: [ModeratorsService],
})
export class ModerationModule {}
