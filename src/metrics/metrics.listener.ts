import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ModerationActedEvent, ModerationEvents } from '../moderation/moderation-events.js';
import { CommentEvent, CommentEvents } from '../threads/comment-events.js';
import { Metrics } from './metrics.js';

/** Counts what the domain events tell: new comments and their verdicts, moderators' actions. */
@Injectable()
export class MetricsListener {
  constructor(private readonly metrics: Metrics) {}

  @OnEvent(CommentEvents.posted)
  posted({ comment }: CommentEvent): void {
    this.metrics.commentsPosted.inc({ status: comment.status });
    // Reasons read "check: what it found" (spam/verdict.ts).
    for (const reason of comment.spamReasons) this.metrics.spamFindings.inc({ check: reason.split(':')[0] });
  }

  @OnEvent(ModerationEvents.acted)
  acted({ action, changes }: ModerationActedEvent): void {
    this.metrics.moderationActions.inc({ action }, changes.length);
  }
}
