import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommentStatus } from './comment-status.js';
import { FORM_MESSAGES } from './form-messages.js';
import { PublicComment } from './public-comment.js';
import type * as Answers from './thread-answers.js';
import type { PublicStatus } from './thread-answers.js';

/** The answer to a post, an edit or a retried post: the comment as readers see it, and its author's token. */
export class PostedComment implements Answers.PostedComment {
  @ApiProperty({ type: PublicComment })
  comment: PublicComment;

  @ApiProperty({ enum: ['approved', 'pending', 'deleted'], description: 'pending: held for a moderator, shown only to its author.' })
  status: PublicStatus;

  @ApiPropertyOptional({ example: FORM_MESSAGES.awaitingModeration })
  message?: string;

  @ApiProperty({ description: 'Send as X-Edit-Token to edit or delete this comment within the edit window. Keep it private.' })
  editToken: string;

  @ApiProperty({ format: 'date-time' })
  editableUntil: string;

  @ApiPropertyOptional({
    enum: ['subscribed', 'confirmation-sent', 'confirmation-pending'],
    description: 'Present when reply emails were asked for: subscribed, or a confirmation link was emailed now (or earlier, and is still awaited).',
  })
  replyEmails?: Answers.ReplyEmailsAnswer;
}

/** The comment as its author is shown it: spam looks held, text and all, like the status it is answered with. */
export function asItsAuthorSeesIt<T extends { status: CommentStatus }>(comment: T): T {
  return comment.status === 'spam' ? { ...comment, status: 'pending' } : comment;
}

/** What the author is told of their comment's status: a spam verdict is answered exactly like a hold, so spammers learn nothing. */
export function publicStatus(status: CommentStatus): PublicStatus {
  if (status === 'approved') return 'approved';
  if (status === 'deleted') return 'deleted';
  return 'pending';
}
