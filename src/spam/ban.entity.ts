import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { bigintAsNumber } from '../database/bigint.transformer.js';
import { Site } from '../sites/site.entity.js';
import type { BanKind } from './ban-kinds.js';

export { BAN_KINDS, type BanKind } from './ban-kinds.js';

/**
 * An author moderators keep out: by email, by email domain, or by IP address or range (CIDR).
 * Comments from a banned author are stored as spam. Moderation creates them; the spam checks read them.
 */
@Entity('bans')
@Check('bans_kind_known', `"kind" IN ('email', 'domain', 'ip')`)
@Index('bans_by_site', ['siteId'])
export class Ban {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId: number;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Relation<Site>;

  @Column({ type: 'text' })
  kind: BanKind;

  /** Lower-case email or domain; an IP address or CIDR range for `ip`. */
  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
