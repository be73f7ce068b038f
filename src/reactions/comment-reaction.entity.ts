import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { bigintAsNumber } from '../database/bigint.transformer.js';
import { Comment } from '../threads/comment.entity.js';

/**
 * A reader's like of a comment: one per reader per comment. The reader is known only by a keyed
 * hash of their network, as flags know reporters; the count readers see is `comments.like_count`.
 */
@Entity('comment_reactions')
export class CommentReaction {
  @PrimaryColumn({ name: 'comment_id', type: 'bigint', transformer: bigintAsNumber })
  commentId: number;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: Relation<Comment>;

  @PrimaryColumn({ type: 'text' })
  reactor: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
