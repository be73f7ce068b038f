import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../database/bigint.transformer.js';

/** Site 0 is the model every site shares (the global prior); other rows are one site's own. */
export { GLOBAL_MODEL } from './model-tables.js';

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

/** The regression's weight of one hashed feature (logistic.ts), and how many lessons it was in. */
@Entity('spam_weights')
export class SpamWeight {
  @PrimaryColumn({ name: 'site_id', type: 'integer' })
  siteId: number;

  @PrimaryColumn({ type: 'integer' })
  feature: number;

  @Column({ type: 'double precision', default: 0 })
  weight: number;

  @Column({ type: 'integer', default: 0 })
  seen: number;
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
@Index('spam_training_duplicates', ['siteId', 'fingerprint', 'label'], { where: 'taught' })
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

  /** False for a near-duplicate past the cap (near-duplicates.ts): recorded, taught nothing. */
  @Column({ type: 'boolean', default: true })
  taught: boolean;

  /** The regression's error the lesson stepped by, shared model and site's own: an undo steps back by them. */
  @Column({ name: 'global_step', type: 'double precision', default: 0 })
  globalStep: number;

  @Column({ name: 'site_step', type: 'double precision', default: 0 })
  siteStep: number;

  /** The comment's words, hashed (near-duplicates.ts); null for lessons from before it. */
  @Column({ type: 'text', nullable: true })
  fingerprint: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
