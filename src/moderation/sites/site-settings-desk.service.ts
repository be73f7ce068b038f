import { Injectable } from '@nestjs/common';
import { fieldError } from '../../http/field-error.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SiteSettings } from '../../sites/site-settings.js';
import type { Site } from '../../sites/site.entity.js';
import { SiteInputError, SitesService } from '../../sites/sites.service.js';
import { AuditLog } from '../audit/audit-log.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import type { ModeratedSite } from '../moderation-answers.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';
import type { NewSiteDto, SiteChangeDto } from './dto/site-details.dto.js';
import { SiteHoldThresholds } from '../../spam/thresholds/site-hold-thresholds.js';

/** Sites as moderators see them; as admins create them and change their name, origins and settings. */
@Injectable()
export class SiteSettingsDeskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly scope: ModeratorScope,
    private readonly audit: AuditLog,
    private readonly thresholds: SiteHoldThresholds,
  ) {}

  async list(moderator: ModeratorIdentity): Promise<ModeratedSite[]> {
    return Promise.all((await this.scope.visibleSites(moderator)).map((site) => this.describeFor(moderator, site)));
  }

  /** The site as this moderator may see it: admins also see where its classifier holds from. */
  private async describeFor(moderator: ModeratorIdentity, site: Site): Promise<ModeratedSite> {
    if (!moderator.isAdmin) return describe(site);
    const { holdAt, source, ham, spam, computedAt } = await this.thresholds.of(site.id);
    return { ...describe(site), holdThreshold: { holdAt, source, ham, spam, computedAt: computedAt.toISOString() } };
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
    return this.describeFor(admin, Object.assign(site, columns));
  }

  /** A new site, as the command line's site:create makes it; recorded in the same transaction. */
  async create(admin: ModeratorIdentity, input: NewSiteDto): Promise<ModeratedSite> {
    const settings = input.settings ? definedOnly(input.settings) : {};
    const site = await refusingBadInput(() =>
      this.dataSource.transaction(async (manager) => {
        const created = await this.sites.create({ slug: input.slug, name: input.name, origins: input.origins, settings }, manager);
        const detail = { slug: created.slug, name: created.name, origins: created.allowedOrigins, settings };
        await this.audit.record(manager, admin, [{ action: 'site.create', siteId: created.id, detail }]);
        return created;
      }),
    );
    this.sites.forgetCached();
    return this.describeFor(admin, site);
  }

  /**
   * Changes a site's name, origins and settings, each only when given, in one transaction: one
   * audit entry for the name and origins (before and after), one for the settings.
   */
  async change(admin: ModeratorIdentity, slug: string, changes: SiteChangeDto): Promise<ModeratedSite> {
    const site = await this.scope.site(admin, slug);
    const values = changes.settings ? definedOnly(changes.settings) : {};
    const before = site.effectiveSettings;
    const changed = (Object.keys(values) as Array<keyof SiteSettings>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(values[key]));
    const after = await refusingBadInput(() =>
      this.dataSource.transaction(async (manager) => {
        let updated = site;
        if (changes.name !== undefined || changes.origins !== undefined) {
          updated = await this.sites.changeDetails(site, { name: changes.name, origins: changes.origins }, manager);
          const detail: Record<string, { from: unknown; to: unknown }> = {};
          if (updated.name !== site.name) detail.name = { from: site.name, to: updated.name };
          if (JSON.stringify(updated.allowedOrigins) !== JSON.stringify(site.allowedOrigins)) {
            detail.origins = { from: site.allowedOrigins, to: updated.allowedOrigins };
          }
          if (Object.keys(detail).length > 0) await this.audit.record(manager, admin, [{ action: 'site.change', siteId: site.id, detail }]);
        }
        if (changes.settings !== undefined) {
          updated = await this.sites.updateSettings(updated, values, manager);
          if (changed.length > 0) {
            const detail = Object.fromEntries(changed.map((key) => [key, { from: before[key], to: values[key] }]));
            await this.audit.record(manager, admin, [{ action: 'site.settings', siteId: site.id, detail }]);
          }
        }
        return updated;
      }),
    );
    // Again after the commit: a request between the change and the commit may have cached the old row.
    this.sites.forgetCached();
    return this.describeFor(admin, after);
  }
}

/** A setting sent as undefined is one left out. */
function definedOnly(settings: object): Partial<SiteSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<SiteSettings>;
}

/** The service's refusal of a slug, name or origin, as a 400 beside the field it belongs to. */
async function refusingBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SiteInputError) throw fieldError(error.field, error.message);
    throw error;
  }
}

function describe(site: Site): ModeratedSite {
  const signIn = site.signInPublicKey ? 'public-key' : site.signInSecret ? 'secret' : 'off';
  return { id: site.id, slug: site.slug, name: site.name, origins: site.allowedOrigins, settings: site.effectiveSettings, signIn };
}
