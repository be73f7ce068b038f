import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { bigintAsNumber } from '../../database/bigint.transformer.js';
import { Site } from '../../sites/site.entity.js';
import type { ModeratorRole } from '../moderation-answers.js';

export { MODERATOR_ROLES, type ModeratorRole } from '../moderation-answers.js';

export const HELD_MAIL = ['each', 'digest', 'none'] as const;
export type HeldMail = (typeof HELD_MAIL)[number];

/** A person who works the queues: an admin sees every site, a moderator the sites it belongs to. */
@Entity('moderators')
@Check('moderators_role_known', `"role" IN ('admin', 'moderator')`)
@Check('moderators_held_mail_known', `"held_mail" IN ('each', 'digest', 'none')`)
export class Moderator {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  /** Lower-cased; signs in with it. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: ModeratorRole;

  /** scrypt, with its parameters and salt (see passwords.ts); never leaves the server. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /**
   * The password was set by someone else (generated at the first start, or by an admin): until the
   * account chooses its own, it may only do that, read who it is, and sign out.
   */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Email about held comments on its sites: each one, a digest at most every heldMailMinutes, or none. */
  @Column({ name: 'held_mail', type: 'text', default: 'each' })
  heldMail: HeldMail;

  @Column({ name: 'held_mail_minutes', type: 'integer', default: 60 })
  heldMailMinutes: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

/** Which sites a moderator (not an admin) works on. */
@Entity('moderator_sites')
@Index('moderator_sites_by_site', ['siteId'])
export class ModeratorSite {
  @PrimaryColumn({ name: 'moderator_id', type: 'integer' })
  moderatorId: number;

  @PrimaryColumn({ name: 'site_id', type: 'integer' })
  siteId: number;

  @ManyToOne(() => Moderator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moderator_id' })
  moderator?: Relation<Moderator>;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Relation<Site>;
}

/** A signed-in moderator's bearer token, stored as its SHA-256 only. Signing out deletes the row. */
@Entity('moderator_sessions')
@Index('moderator_sessions_by_moderator', ['moderatorId'])
export class ModeratorSession {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'moderator_id', type: 'integer' })
  moderatorId: number;

  @ManyToOne(() => Moderator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moderator_id' })
  moderator?: Relation<Moderator>;

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
