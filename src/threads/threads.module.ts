import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SpamModule } from '../spam/spam.module.js';
import { CachedThreadPages } from './cached-thread-pages.js';
import { ArticleEventsRepository } from './article-events.repository.js';
import { CommentStatusEvents } from './comment-events.js';
import { CommentsController } from './comments.controller.js';
import { CommentsByAuthorRepository } from './comments-by-author.repository.js';
import { CommentsRepository } from './comments.repository.js';
import { NewComments } from './new-comments.repository.js';
import { CommentsService } from './comments.service.js';
import { CountsController } from './counts.controller.js';
import { CountsService } from './counts.service.js';
import { EditTokens } from './edit-tokens.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadPageCache } from './thread-page-cache.js';
import { ThreadsService } from './threads.service.js';
import { ThreadRankingsRepository } from './thread-rankings.repository.js';

@Module({
  imports: [SitesModule, ArticlesModule, SpamModule, NotificationsModule],
  controllers: [ThreadsController, CommentsController, CountsController],
  providers: [
    ArticleEventsRepository,
    CommentStatusEvents,
    CommentsRepository,
    CommentsByAuthorRepository,
    NewComments,
    CommentsService,
    CountsService,
    ThreadsService,
    ThreadPageCache,
    CachedThreadPages,
    ThreadRankingsRepository,
    EditTokens,
  ],
  exports: [
    ArticleEventsRepository,
    CommentStatusEvents,
    CommentsRepository,
    CommentsByAuthorRepository,
    CommentsService,
    ThreadsService,
    ThreadPageCache,
    CachedThreadPages,
    EditTokens,
  ],
})
export class ThreadsModule {}
