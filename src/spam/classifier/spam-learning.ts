import { Injectable, Logger } from '@nestjs/common';
import { ClassifierStore, type Lesson } from './classifier.store.js';
import { tokenize, type TokenSource } from './tokenize.js';

/** Lessons learned in one transaction at most: a 500-comment bulk action makes a few. */
const BATCH = 250;

/** A comment a moderator decided on, as the classifier reads it. */
export interface DecidedComment extends TokenSource {
  id: number;
  siteId: number;
}

/**
 * Moderators teach the classifier: approving a comment says ham, marking it spam says spam.
 * Trash (off-topic, abuse), holding and restoring say nothing about spam. Lessons arriving
 * together (a bulk action) are learned together, one transaction per batch, in the background of
 * the action.
 */
@Injectable()
export class SpamLearning {
  private readonly logger = new Logger('SpamLearning');
  private waiting: Array<{ lesson: Lesson; done: () => void }> = [];
  private learning: Promise<void> | null = null;

  constructor(private readonly store: ClassifierStore) {}

  /** Resolves once the lesson is learned (or failed, which is logged), so a caller can wait. */
  learnFrom(comment: DecidedComment, decidedStatus: string): Promise<void> {
    const label = decidedStatus === 'approved' ? 'ham' : decidedStatus === 'spam' ? 'spam' : null;
    if (!label) return Promise.resolve();
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
