import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { resolveSettings, SiteSettings } from './site-settings.js';

/** A news site using Kolom: one tenant, with the origins its pages are served from. */
@Entity('sites')
export class Site {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  /** Origins such as `https://news.example.com` whose pages may show and post comments. */
  @Column({ type: 'text', array: true, name: 'allowed_origins', default: () => "'{}'" })
  allowedOrigins: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Partial<SiteSettings>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  get effectiveSettings(): SiteSettings {
    return resolveSettings(this.settings);
  }
}
