import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SiteSettingsDto } from '../../sites/dto/site-settings.dto.js';
import type { SiteSettings } from '../../sites/site-settings.js';
import type { Site } from '../../sites/site.entity.js';
import { SitesService } from '../../sites/sites.service.js';
import { AuditLog } from '../audit/audit-log.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import type { ModeratedSite } from '../moderation-answers.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';

/** Sites as moderators see them; their settings as admins change them. */
@Injectable()
export class SiteSettingsDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly scope: ModeratorScope,
    private readonly audit: AuditLog,
  ) {}

  async list(moderator: ModeratorIdentity): Promise<ModeratedSite[]> {
    return (await this.scope.visibleSites(moderator)).map(describe);
  }

  /**
   * Sets how the site's readers' sign-in tokens are checked: a new HMAC secret (answered once,
   * never again), an Ed25519 public key, or nothing (sign-in off). One at a time: setting one
   * clears the other, so an old secret stops working the moment it is rotated.
   */
  async setSignIn(admin: ModeratorIdentity, slug: string, method: { secret: string } | { publicKey: string } | null): Promise<ModeratedSite> {
    const site = await this.scope.site(admin, slug);
    const columns =
      method === null
        ? { signInSecret: null, signInPublicKey: null }
        : 'secret' in method
          ? { signInSecret: method.secret, signInPublicKey: null }
          : { signInSecret: null, signInPublicKey: method.publicKey };
    const detail = { method: method === null ? 'off' : 'secret' in method ? 'secret' : 'public-key' };
    await this.dataSource.transaction(async (manager) => {
      await this.sites.updateSignIn(site, columns, manager);
      await this.audit.record(manager, admin, [{ action: 'site.sign-in', siteId: site.id, detail }]);
    });
    return describe(Object.assign(site, columns));
  }

  async change(admin: ModeratorIdentity, slug: string, changes: SiteSettingsDto): Promise<ModeratedSite> {
    const site = await this.scope.site(admin, slug);
    const values = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<SiteSettings>;
    const before = site.effectiveSettings;
    const changed = (Object.keys(values) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(values[key]));
    const after = await this.dataSource.transaction(async (manager) => {
      const updated = await this.sites.updateSettings(site, values, manager);
      if (changed.length > 0) {
        const detail = Object.fromEntries(changed.map((key) => [key, { from: before[key], to: values[key] }]));
        await this.audit.record(manager, admin, [{ action: 'site.settings', siteId: site.id, detail }]);
      }
      return updated;
    });
    return describe(after);
  }
}

function describe(site: Site): ModeratedSite {
  const signIn = site.signInPublicKey ? 'public-key' : site.signInSecret ? 'secret' : 'off';
  return { id: site.id, slug: site.slug, name: site.name, origins: site.allowedOrigins, settings: site.effectiveSettings, signIn };
}
