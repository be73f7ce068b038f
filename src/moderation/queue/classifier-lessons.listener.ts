import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SpamLearning } from '../../spam/classifier/spam-learning.js';
import { CommentEvents, CommentModeratedEvent } from '../../threads/comment-events.js';

/** Every moderator's decision is a lesson for the spam classifier (SpamLearning says which count). */
@Injectable()
export class ClassifierLessonsListener {
  constructor(private readonly learning: SpamLearning) {}

  /** Resolves once the lesson is learned: emitAsync callers (tests, bulk actions) can wait. */
  @OnEvent(CommentEvents.moderated, { async: true, promisify: true })
  teach({ comment, to }: CommentModeratedEvent): Promise<void> {
    return this.learning.learnFrom(comment, to);
  }
}
