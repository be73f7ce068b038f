import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { KolomConfig } from '../config/config.js';
import { KOLOM_CONFIG } from '../config/config.module.js';
import { SitesService } from './sites.service.js';

export const DEMO_SLUG = 'demo';

/**
 * A newcomer's first start needs a site to comment on: the demo site, allowed on the URL Kolom is
 * served from, so the demo article page works at once. Production has none unless KOLOM_DEMO asks
 * (KolomConfig.demo); a demo site made earlier stays, as any other site does.
 */
@Injectable()
export class DemoSiteService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSite');

  constructor(
    private readonly sites: SitesService,
    @Inject(KOLOM_CONFIG) private readonly config: KolomConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'test' || !this.config.demo) return;
    const origins = [this.config.publicUrl, `http://localhost:${this.config.port}`, `http://127.0.0.1:${this.config.port}`];
    let existing = await this.sites.findBySlug(DEMO_SLUG);
    if (!existing) {
      try {
        const site = await this.sites.create({ slug: DEMO_SLUG, name: 'Kolom demo', origins });
        this.logger.log(`created the demo site "${DEMO_SLUG}" for ${site.allowedOrigins.join(', ')}`);
        return;
      } catch (error) {
        // Nodes starting together on a fresh database: another one created it a moment ago.
        existing = await this.sites.findBySlug(DEMO_SLUG);
        if (!existing) throw error;
      }
    }
    const site = await this.sites.allowOrigins(existing, origins);
    this.logger.log(`demo site "${DEMO_SLUG}" allows ${site.allowedOrigins.join(', ')}`);
  }
}
