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
  teach({ comment, from, to, by }: CommentModeratedEvent): Promise<void> {
    // Kolom's own moves (flags, an edit judged again) are not lessons: the model would learn from itself.
    return by === 'moderator' ? this.learning.learnFrom(comment, to, from) : Promise.resolve();
  }
}
