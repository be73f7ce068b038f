import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommentEvents, CommentModeratedEvent } from '../../threads/comment-events.js';
import { AuditLog } from './audit-log.js';

/**
 * An author's edit that the checks took off the page (or into spam) is Kolom's own decision, and
 * logged as one, with the reasons, beside the moderators' (flags log theirs in their transaction).
 */
@Injectable()
export class EditHoldsListener {
  private readonly logger = new Logger('Audit');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  @OnEvent(CommentEvents.moderated, { async: true, promisify: true })
  async record({ comment, from, to, by, cause }: CommentModeratedEvent): Promise<void> {
    if (by !== 'kolom' || cause !== 'edit') return;
    try {
      await this.dataSource.transaction((manager) =>
        this.audit.record(manager, null, [
          {
            action: 'hold',
            siteId: comment.siteId,
            commentId: comment.id,
            articleId: comment.articleId,
            from,
            to,
            note: `edited by its author: ${comment.spamReasons.join('; ') || 'pre-moderation'}`,
          },
        ]),
      );
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: { name: failure.name, message: failure.message }, commentId: comment.id }, 'could not log an edit that was held');
    }
  }
}
