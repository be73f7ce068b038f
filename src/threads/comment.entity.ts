import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Article } from '../articles/article.entity.js';
import { bigintAsNumber } from '../database/bigint.transformer.js';
import type { CommentStatus } from './comment-status.js';

@Entity('comments')
@Check('comments_status_known', `"status" IN ('pending', 'approved', 'spam', 'trash', 'deleted')`)
@Index('comments_thread', ['articleId', 'status', 'sortPath'])
@Index('comments_roots', ['articleId', 'id'], { where: '"parent_id" IS NULL' })
@Index('comments_tree', ['rootId', 'sortPath'])
@Index('comments_idempotency', ['siteId', 'idempotencyKey'], { unique: true, where: '"idempotency_key" IS NOT NULL' })
@Index('comments_author_recent', ['siteId', 'authorEmail', 'createdAt'])
@Index('comments_duplicates', ['articleId', 'duplicateKey'])
@Index('comments_ip_recent', ['siteId', 'ip', 'createdAt'])
/** The moderation queues: a site's comments in one status, newest or oldest first. */
@Index('comments_queue', ['siteId', 'status', 'id'])
@Index('comments_import_key', ['siteId', 'importKey'], { unique: true, where: '"import_key" IS NOT NULL' })
/** Housekeeping (src/housekeeping): children, spam and trash by age, addresses still kept. */
@Index('comments_children', ['parentId'], { where: '"parent_id" IS NOT NULL' })
@Index('comments_purgeable', ['siteId', 'updatedAt'], { where: `"status" IN ('spam', 'trash')` })
@Index('comments_addresses_kept', ['siteId', 'createdAt'], { where: '"ip" IS NOT NULL OR "user_agent" IS NOT NULL' })
export class Comment {
  /** Assigned from the table's identity sequence before insert, because sort_path embeds it. */
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'BY DEFAULT', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId: number;

  @Column({ name: 'article_id', type: 'bigint', transformer: bigintAsNumber })
  articleId: number;

  @ManyToOne(() => Article, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<Article>;

  /** The comment this one hangs under in the tree (null for a top-level comment). */
  @Column({ name: 'parent_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  parentId: number | null;

  @ManyToOne(() => Comment, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<Comment> | null;

  /**
   * The comment this one answers. Equal to parentId, except for a reply to a comment already at the
   * site's max depth: that reply is stored beside it (same parent) and remembers whom it answered.
   */
  @Column({ name: 'reply_to_id', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  replyToId: number | null;

  /** The top-level comment of this comment's tree (itself for a top-level comment). */
  @Column({ name: 'root_id', type: 'bigint', transformer: bigintAsNumber })
  rootId: number;

  /** 1 for a top-level comment. */
  @Column({ type: 'smallint' })
  depth: number;

  /** Zero-padded ids from the root down; ordering by it lists a tree depth-first, oldest first. */
  @Column({ name: 'sort_path', type: 'text' })
  sortPath: string;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  /** Private: never in a public response, event or log line. Stored lower-cased. */
  @Column({ name: 'author_email', type: 'text' })
  authorEmail: string;

  @Column({ name: 'author_website', type: 'text', nullable: true })
  authorWebsite: string | null;

  @Column({ type: 'text' })
  body: string;

  /** The author's name and the text as the duplicate check compares them (duplicate-key.ts). */
  @Column({ name: 'duplicate_key', type: 'text' })
  duplicateKey: string;

  @Column({ type: 'text' })
  status: CommentStatus;

  @Column({ name: 'spam_score', type: 'real', nullable: true })
  spamScore: number | null;

  @Column({ name: 'spam_reasons', type: 'jsonb', default: () => "'[]'" })
  spamReasons: string[];

  /**
   * The classifier's calibrated spam probability when it judged the text (the last judgement: an
   * author's edit is judged again); null when it was silent or could not run. Private, like the
   * rest of the verdict: the evidence for the site's learned hold threshold (src/spam/thresholds).
   */
  @Column({ name: 'classifier_p', type: 'real', nullable: true })
  classifierP: number | null;

  /** Private. */
  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  /** Private. */
  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the edit token handed to the author; the token itself is never stored. */
  @Column({ name: 'edit_token_hash', type: 'text' })
  editTokenHash: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /** When the author last changed the text; null if never. */
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** The text before the author's last edit, for moderators (an edit is judged again and may be held). */
  @Column({ name: 'edited_from', type: 'text', nullable: true })
  editedFrom: string | null;

  /** The author ticked "Notify me of replies by email."; mail goes out only once the comment is also verified. */
  @Column({ name: 'notify_replies', type: 'boolean', default: false })
  notifyReplies: boolean;

  /**
   * The author proved the address: the comment came with the reader token a confirmation link
   * handed out, or its own confirmation link was followed (src/notifications). Only such comments
   * speak for a verified address.
   */
  @Column({ name: 'author_verified', type: 'boolean', default: false })
  authorVerified: boolean;

  /**
   * The news site's own account that posted it, as its signed sign-in token named it (`sub`);
   * null for a comment posted with the form alone. Counts for flood, duplicates and bans.
   */
  @Column({ name: 'author_account', type: 'text', nullable: true })
  authorAccount: string | null;

  /** The account's picture (an http(s) URL from the sign-in token); public. */
  @Column({ name: 'author_avatar', type: 'text', nullable: true })
  authorAvatar: string | null;

  /** Posted by a moderator from the desk as the site's staff: readers see the site's "Staff" badge. */
  @Column({ type: 'boolean', default: false })
  staff: boolean;

  /** The moderator who posted a staff comment (private: for the audit log, never for readers). */
  @Column({ name: 'moderator_id', type: 'integer', nullable: true })
  moderatorId: number | null;

  /** When a moderator last changed the text (a redaction); readers see "edited by a moderator". */
  @Column({ name: 'moderator_edited_at', type: 'timestamptz', nullable: true })
  moderatorEditedAt: Date | null;

  /** Pinned by a moderator: shown first in the thread, in the order pinned. */
  @Column({ name: 'pinned_at', type: 'timestamptz', nullable: true })
  pinnedAt: Date | null;

  /** Marked an editor's pick by a moderator: a badge, and a filter. */
  @Column({ name: 'editors_pick', type: 'boolean', default: false })
  editorsPick: boolean;
  /** Readers' likes, kept by the reactions module in the transaction that adds or takes back one (src/reactions). */
  @Column({ name: 'like_count', type: 'integer', default: 0, insert: false, update: false })
  likeCount: number;

  /** Where an imported comment came from (`wordpress:ID`, `disqus:ID`); null for comments posted here. */
  @Column({ name: 'import_key', type: 'text', nullable: true, select: false, insert: false, update: false })
  importKey?: string | null;
}
