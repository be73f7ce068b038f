import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { bigintAsNumber } from '../../database/bigint.transformer.js';
import { Comment } from '../../threads/comment.entity.js';

export const FLAG_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * A reader's report on a comment. The reader is known only by a keyed hash of their address, enough
 * to count one flag per reader per comment without keeping the address itself.
 */
@Entity('flags')
@Check('flags_reason_known', `"reason" IN ('spam', 'abuse', 'off-topic', 'other')`)
@Index('flags_one_per_reader', ['commentId', 'fingerprint'], { unique: true })
@Index('flags_open', ['siteId', 'commentId'], { where: '"resolved_at" IS NULL' })
@Index('flags_reporter_resolved', ['siteId', 'fingerprint'], { where: '"resolved_at" IS NOT NULL' })
export class Flag {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId: number;

  @Column({ name: 'comment_id', type: 'bigint', transformer: bigintAsNumber })
  commentId: number;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: Relation<Comment>;

  @Column({ type: 'text' })
  reason: FlagReason;

  /** What the reader wrote (required for `other`). */
  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'text' })
  fingerprint: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** Set when a moderator decides on the comment: its flags leave the flagged queue. */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
