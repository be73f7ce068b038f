import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module.js';
import { MailComposer } from './mail-composer.js';
import { MailMaterial } from './mail-material.repository.js';
import { MailOutbox } from './mail-outbox.repository.js';
import { MailTokenUses } from './mail-token-uses.repository.js';
import { MailPlanner } from './mail-planner.js';
import { MailTokens } from './mail-tokens.js';
import { MailWorker } from './mail-worker.js';
import { Mailer } from './mailer.js';
import { ReaderAddresses } from './reader-addresses.repository.js';
import { ReplyEmails } from './reply-emails.js';

/**
 * Email: the outbox and its worker, the messages, readers' addresses and the signed links.
 * What readers do with the links (confirm, unsubscribe, export, erase) is ReaderLinksModule's.
 */
@Module({
  imports: [SitesModule],
  providers: [MailComposer, MailMaterial, MailOutbox, MailPlanner, MailTokens, MailTokenUses, MailWorker, Mailer, ReaderAddresses, ReplyEmails],
  exports: [MailOutbox, MailTokens, MailTokenUses, MailWorker, Mailer, ReaderAddresses, ReplyEmails],
})
export class NotificationsModule {}
