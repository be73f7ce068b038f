import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CommentEvents, CommentModeratedEvent } from '../../threads/comment-events.js';
import { ClassifierStore } from './classifier.store.js';
import { tokenize } from './tokenize.js';

/**
 * Moderators teach the classifier: approving a comment says ham, marking it spam says spam.
 * Trash (off-topic, abuse) and restore say nothing about spam.
 */
@Injectable()
export class LearningListener {
  private readonly logger = new Logger('SpamLearning');

  constructor(private readonly store: ClassifierStore) {}

  @OnEvent(CommentEvents.moderated, { async: true, promisify: true })
  async learn(event: CommentModeratedEvent): Promise<void> {
    const label = event.to === 'approved' ? 'ham' : event.to === 'spam' ? 'spam' : null;
    if (!label) return;
    const { comment } = event;
    try {
      await this.store.learn(comment.siteId, comment.id, tokenize(comment), label);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.logger.error({ err: { name: failure.name, message: failure.message }, commentId: comment.id }, 'could not learn from a moderation');
    }
  }
}
