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

  /**
   * The HMAC secret the site's server signs readers' sign-in tokens with (HS256); shown once when
   * an admin makes it, never in an answer or a log.
   */
  @Column({ name: 'sign_in_secret', type: 'text', nullable: true })
  signInSecret: string | null;

  /** Or the Ed25519 public key (PEM) its tokens are signed for (EdDSA): Kolom then holds no secret. */
  @Column({ name: 'sign_in_public_key', type: 'text', nullable: true })
  signInPublicKey: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  get effectiveSettings(): SiteSettings {
    return resolveSettings(this.settings);
  }
}
