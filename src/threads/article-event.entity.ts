import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { bigintAsNumber } from '../database/bigint.transformer.js';

export const ARTICLE_EVENT_KINDS = ['comment.created', 'comment.updated', 'comment.removed'] as const;
export type ArticleEventKind = (typeof ARTICLE_EVENT_KINDS)[number];

/**
 * The transactional outbox of what readers see change: one row per comment that appeared, changed
 * or vanished, written by a trigger on `comments` in the same transaction as the change (see the
 * migration that creates it), so no code path can change a visible comment without an event.
 * Within one article, ids are handed out in commit order: the trigger locks the article row first.
 * The id is what a client sends back as `lastSeenId`.
 */
@Entity('article_events')
@Check('article_events_kind_known', `"kind" IN ('comment.created', 'comment.updated', 'comment.removed')`)
@Index('article_events_by_article', ['articleId', 'id'])
/** Housekeeping deletes events past the replay horizon (src/housekeeping). */
@Index('article_events_age', ['createdAt', 'id'])
export class ArticleEvent {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'article_id', type: 'bigint', transformer: bigintAsNumber })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  /** No foreign key: the event outlives a comment deleted for good. */
  @Column({ name: 'comment_id', type: 'bigint', transformer: bigintAsNumber })
  commentId: number;

  @Column({ type: 'text' })
  kind: ArticleEventKind;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
