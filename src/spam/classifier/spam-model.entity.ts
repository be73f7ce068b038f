import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/bigint.transformer.js';

/** Site 0 is the model every site shares (the global prior); other rows are one site's own. */
export const GLOBAL_MODEL = 0;

/** How many spam and ham comments, of those moderators decided, contained the token. */
@Entity('spam_tokens')
export class SpamToken {
  @PrimaryColumn({ name: 'site_id', type: 'integer' })
  siteId: number;

  @PrimaryColumn({ type: 'text' })
  token: string;

  @Column({ type: 'integer', default: 0 })
  spam: number;

  @Column({ type: 'integer', default: 0 })
  ham: number;
}

/** How many spam and ham comments the model has learned from. */
@Entity('spam_corpus')
export class SpamCorpus {
  @PrimaryColumn({ name: 'site_id', type: 'integer' })
  siteId: number;

  @Column({ type: 'integer', default: 0 })
  spam: number;

  @Column({ type: 'integer', default: 0 })
  ham: number;
}

/** What each comment taught the model, so a moderator changing their mind is unlearned, not learned twice. */
@Entity('spam_training')
@Check('spam_training_label_known', `"label" IN ('spam', 'ham')`)
export class SpamTraining {
  @PrimaryColumn({ name: 'comment_id', type: 'bigint', transformer: bigintAsNumber })
  commentId: number;

  /** Named rather than imported: the spam module does not depend on threads. */
  @ManyToOne('Comment', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'comment_id' })
  comment?: unknown;

  @Column({ name: 'site_id', type: 'integer' })
  siteId: number;

  @Column({ type: 'text' })
  label: 'spam' | 'ham';

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
