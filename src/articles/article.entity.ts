import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { bigintAsNumber } from '../database/bigint.transformer.js';
import type { PremoderationMode } from '../sites/site-settings.js';
import { Site } from '../sites/site.entity.js';

/** One news article, one discussion. Found or created from a site and the article's canonical URL. */
@Entity('articles')
@Index('articles_site_url', ['siteId', 'url'], { unique: true })
@Check('articles_premoderation_known', `"premoderation" IN ('off', 'links', 'first-time', 'all')`)
export class Article {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', transformer: bigintAsNumber })
  id: number;

  @Column({ name: 'site_id', type: 'integer' })
  siteId: number;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Relation<Site>;

  /** Canonical URL (see article-url.ts), so one article never splits into two threads. */
  @Column({ type: 'text' })
  url: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'boolean', default: true })
  open: boolean;

  /** This article's own pre-moderation (a sensitive story held in full, say); null follows the site. */
  @Column({ type: 'text', nullable: true })
  premoderation: PremoderationMode | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
