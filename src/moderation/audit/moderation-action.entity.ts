import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/bigint.transformer.js';
import type { AuditAction } from '../moderation-answers.js';

export { AUDIT_ACTIONS, type AuditAction } from '../moderation-answers.js';

/**
 * One line of the audit log. Append-only: a trigger refuses UPDATE and DELETE. It names people by
 * id and email at the time, with no foreign keys, so removing a moderator or a comment never
 * rewrites history.
 */
@Entity('moderation_actions')
@Index('moderation_actions_by_site', ['siteId', 'id'])
@Index('moderation_actions_by_moderator', ['moderatorId', 'id'])
@Index('moderation_actions_by_comment', ['commentId', 'id'], { where: '"comment_id" IS NOT NULL' })
export class ModerationAction {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  /** Null for actions on accounts, which belong to no site. */
  @Column({ name: 'site_id', type: 'integer', nullable: true })
  siteId: number | null;

  /** Null when Kolom acted by itself (reader flags reaching the site's threshold). */
  @Column({ name: 'moderator_id', type: 'integer', nullable: true })
  moderatorId: number | null;

  @Column({ name: 'moderator_email', type: 'text', nullable: true })
  moderatorEmail: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ name: 'comment_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  commentId: number | null;

  @Column({ name: 'article_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  articleId: number | null;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** What else the action changed: a ban's kind and value, the settings before and after… */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
