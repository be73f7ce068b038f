import { ApiProperty } from '@nestjs/swagger';
import type { Comment } from './comment.entity.js';
import type * as Answers from './thread-answers.js';

export class PublicAuthor implements Answers.PublicAuthor {
  @ApiProperty({ example: 'Ayu' })
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://ayu.example.org' })
  website: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The picture of a reader signed in with the site's account (an http(s) URL)." })
  avatar: string | null;
}

/**
 * A comment as readers see it. Built field by field from an allow-list, so the email, IP, user agent,
 * spam data and edit token of a comment can never reach a reader by accident.
 */
export class PublicComment implements Answers.PublicComment {
  @ApiProperty({ example: 101 })
  id: number;

  @ApiProperty({ example: 7 })
  articleId: number;

  @ApiProperty({ type: Number, nullable: true, description: 'The comment this one hangs under.' })
  parentId: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The comment this one answers (differs from parentId past the max depth).' })
  replyToId: number | null;

  @ApiProperty({ description: '1 for a top-level comment.' })
  depth: number;

  @ApiProperty({ type: PublicAuthor, nullable: true, description: 'null when the comment was removed.' })
  author: PublicAuthor | null;

  @ApiProperty({ type: String, nullable: true, description: 'Plain text; null when the comment was removed.' })
  body: string | null;

  @ApiProperty({ description: 'A removed comment kept as a placeholder because it has visible replies.' })
  removed: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  editedAt: string | null;

  @ApiProperty({ description: "Posted by the newsroom's staff from the desk: show the site's Staff badge. Readers cannot set it." })
  staff: boolean;

  @ApiProperty({ description: 'Pinned by a moderator: shown first.' })
  pinned: boolean;

  @ApiProperty({ description: "Marked an editor's pick by a moderator." })
  editorsPick: boolean;

  @ApiProperty({ description: 'A moderator changed the text (a redaction): show "edited by a moderator".' })
  editedByModerator: boolean;
  @ApiProperty({ description: "Readers' likes (one per reader); who liked is never shown.", example: 3 })
  likes: number;

  @ApiProperty({ type: () => [PublicComment] })
  replies: PublicComment[];
}

/** The columns the public shape needs; listing queries select only these. */
export type PublicCommentSource = Pick<
  Comment,
  | 'id'
  | 'articleId'
  | 'parentId'
  | 'replyToId'
  | 'depth'
  | 'sortPath'
  | 'authorName'
  | 'authorWebsite'
  | 'authorAvatar'
  | 'body'
  | 'status'
  | 'createdAt'
  | 'editedAt'
  | 'staff'
  | 'pinnedAt'
  | 'editorsPick'
  | 'moderatorEditedAt'
  | 'likeCount'
>;

export function toPublicComment(comment: PublicCommentSource): PublicComment {
  const removed = comment.status !== 'approved' && comment.status !== 'pending';
  return {
    id: comment.id,
    articleId: comment.articleId,
    parentId: comment.parentId,
    replyToId: comment.replyToId,
    depth: comment.depth,
    author: removed ? null : { name: comment.authorName, website: comment.authorWebsite, avatar: comment.authorAvatar },
    body: removed ? null : comment.body,
    removed,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt ? comment.editedAt.toISOString() : null,
    // `=== true`: a comment just posted by a reader carries none of these columns.
    staff: !removed && comment.staff === true,
    pinned: !removed && comment.pinnedAt != null,
    editorsPick: !removed && comment.editorsPick === true,
    editedByModerator: !removed && comment.moderatorEditedAt != null,
    likes: removed ? 0 : comment.likeCount,
    replies: [],
  };
}
