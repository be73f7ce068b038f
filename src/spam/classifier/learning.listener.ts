import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CommentEvents, CommentModeratedEvent } from '../../threads/comment-events.js';
import { ClassifierStore, type Lesson } from './classifier.store.js';
import { tokenize } from './tokenize.js';

/** Lessons learned in one transaction at most: a 500-comment bulk action makes a few. */
const BATCH = 250;

/**
 * Moderators teach the classifier: approving a comment says ham, marking it spam says spam.
 * Trash (off-topic, abuse) and restore say nothing about spam. Lessons arriving together (a bulk
 * action) are learned together, one transaction per batch, in the background of the action.
 */
@Injectable()
export class LearningListener {
  private readonly logger = new Logger('SpamLearning');
  private waiting: Array<{ lesson: Lesson; done: () => void }> = [];
  private learning: Promise<void> | null = null;

  constructor(private readonly store: ClassifierStore) {}

  /** Resolves once the lesson is learned (or failed, which is logged): emitAsync callers can wait. */
  @OnEvent(CommentEvents.moderated, { async: true, promisify: true })
  learn(event: CommentModeratedEvent): Promise<void> {
    const label = event.to === 'approved' ? 'ham' : event.to === 'spam' ? 'spam' : null;
    if (!label) return Promise.resolve();
    const { comment } = event;
    return new Promise((done) => {
      this.waiting.push({ lesson: { siteId: comment.siteId, commentId: comment.id, tokens: tokenize(comment), label }, done });
      this.learning ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Let the rest of a bulk action's events arrive first.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH);
      try {
        await this.store.learn(batch.map((b) => b.lesson));
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        this.logger.error({ err: { name: failure.name, message: failure.message }, comments: batch.length }, 'could not learn from moderation');
      }
      for (const { done } of batch) done();
    }
    this.learning = null;
  }
}
