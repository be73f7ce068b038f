import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { urlencoded } from 'express';
import { ArticlesModule } from '../../articles/articles.module.js';
import { RateLimitsModule } from '../../rate-limits/rate-limits.module.js';
import { SitesModule } from '../../sites/sites.module.js';
import { ThreadsModule } from '../../threads/threads.module.js';
import { NotificationsModule } from '../notifications.module.js';
import { PRIVACY_FORM_PATHS, PrivacyController } from './privacy.controller.js';
import { PrivacyService } from './privacy.service.js';
import { CONFIRM_PATH, ReaderLinksController, UNSUBSCRIBE_PATH } from './reader-links.controller.js';
import { ReaderLinks } from './reader-links.service.js';

/**
 * What readers do through Kolom's email: confirm, unsubscribe, and ask for their comments or their
 * erasure. Apart from NotificationsModule because it changes comments (ThreadsModule), which the
 * comment form's side of email (ReplyEmails) is itself a part of.
 */
@Module({
  imports: [SitesModule, ArticlesModule, ThreadsModule, NotificationsModule, RateLimitsModule],
  controllers: [ReaderLinksController, PrivacyController],
  providers: [ReaderLinks, PrivacyService],
})
export class ReaderLinksModule implements NestModule {
  /** Small form bodies on these pages' POSTs only: every other route takes JSON alone. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }))
      .forRoutes(...[CONFIRM_PATH, UNSUBSCRIBE_PATH, ...PRIVACY_FORM_PATHS].map((path) => ({ path, method: RequestMethod.POST })));
  }
}
