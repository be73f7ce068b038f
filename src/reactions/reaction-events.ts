/** A like was added or taken back, and has committed: the comment's count changed. */
export const COMMENT_REACTED = 'comment.reacted';

export class CommentReactedEvent {
  constructor(
    readonly articleId: number,
    readonly commentId: number,
  ) {}
}
