import { Injectable, Logger } from '@nestjs/common';
import { ClassifierStore, type Label, type Lesson } from './classifier.store.js';
import { tokenize, type TokenSource } from './tokenize.js';

/** Lessons learned in one transaction at most: a 500-comment bulk action makes a few. */
const BATCH = 250;

/** What a move teaches: a label, null (take back what the comment taught), undefined (nothing). */
export function lessonOf(to: string, from?: string): Label | null | undefined {
  if (to === 'approved') return 'ham';
  if (to === 'spam') return 'spam';
  if (to === 'pending' && (from === 'approved' || from === 'spam')) return null;
  return undefined;
}

/** A comment a moderator decided on, as the classifier reads it. */
export interface DecidedComment extends TokenSource {
  id: number;
  siteId: number;
}

/**
 * Moderators teach the classifier: approving a comment says ham, marking it spam says spam. Taking
 * either back — unapproving (approved → pending) or restoring out of spam to pending — unteaches
 * it; restoring to approved relearns it as ham. Trash (off-topic, abuse) says nothing about spam,
 * nor does moving a comment out of the trash. Lessons arriving
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
  learnFrom(comment: DecidedComment, decidedStatus: string, from?: string): Promise<void> {
    const label = lessonOf(decidedStatus, from);
    if (label === undefined) return Promise.resolve();
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
