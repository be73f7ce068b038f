import { Injectable, NotFoundException } from '@nestjs/common';
import type { Site } from '../../sites/site.entity.js';
import { SitesService } from '../../sites/sites.service.js';
import type { ModeratorIdentity } from './moderator-identity.js';

/**
 * Turns "which site?" into sites the moderator may see. Another site's slug or id answers exactly
 * like one that does not exist: a moderator never learns what other sites there are.
 */
@Injectable()
export class ModeratorScope {
  constructor(private readonly sites: SitesService) {}

  async site(moderator: ModeratorIdentity, slug: string): Promise<Site> {
    const site = await this.sites.findBySlug(slug.trim().toLowerCase());
    if (!site || !moderator.canSee(site.id)) throw new NotFoundException(`There is no site "${slug}".`);
    return site;
  }

  /** The one site asked for, or every site the moderator may see. */
  async siteIds(moderator: ModeratorIdentity, slug?: string): Promise<number[]> {
    if (slug !== undefined) return [(await this.site(moderator, slug)).id];
    return moderator.visibleSiteIds ? [...moderator.visibleSiteIds] : (await this.sites.list()).map((s) => s.id);
  }

  async visibleSites(moderator: ModeratorIdentity): Promise<Site[]> {
    const all = await this.sites.list();
    return all.filter((site) => moderator.canSee(site.id));
  }
}
