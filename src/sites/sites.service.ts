import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { isDatabaseUnavailable } from '../database/database-unavailable.js';
import { canonicalOrigin } from './site-origin.js';
import type { SiteSettings } from './site-settings.js';
import { Site } from './site.entity.js';

export const SITE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A slug, name or origins Kolom cannot take; `field` names which, for a form to show it beside. */
export class SiteInputError extends Error {
  constructor(
    message: string,
    readonly field: 'slug' | 'name' | 'origins',
  ) {
    super(message);
  }
}

export const MAX_SITE_NAME_LENGTH = 100;

export interface NewSite {
  slug: string;
  name?: string;
  origins: string[];
  settings?: Partial<SiteSettings>;
}

/**
 * Sites change rarely and are read on every request: a short cache keeps them off the hot path.
 * A change made on this node clears it at once; other nodes see it within this long.
 */
export const SITE_CACHE_MS = 5_000;

@Injectable()
export class SitesService {
  private readonly cache = new Map<string, { site: Site; until: number }>();
  private knownOrigins: { origins: Set<string>; until: number } | null = null;

  constructor(@InjectRepository(Site) private readonly sites: Repository<Site>) {}

  getBySlug(slug: string): Promise<Site> {
    return this.cached(`slug:${slug}`, () => this.sites.findOneBy({ slug }), `There is no site "${slug}" on this Kolom server.`);
  }

  getById(id: number): Promise<Site> {
    return this.cached(`id:${id}`, () => this.sites.findOneBy({ id }), 'There is no such site.');
  }

  private async cached(key: string, load: () => Promise<Site | null>, notFound: string): Promise<Site> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.site;
    const site = await load();
    if (!site) {
      this.cache.delete(key);
      throw new NotFoundException(notFound);
    }
    this.cache.set(key, { site, until: Date.now() + SITE_CACHE_MS });
    return site;
  }

  /** Whether any site allows this origin: who may open a websocket at all (each join checks its own site). */
  async isKnownOrigin(origin: string): Promise<boolean> {
    if (!this.knownOrigins || this.knownOrigins.until <= Date.now()) {
      try {
        const rows = await this.sites.createQueryBuilder('s').select('DISTINCT unnest(s.allowed_origins)', 'origin').getRawMany<{ origin: string }>();
        this.knownOrigins = { origins: new Set(rows.map((r) => r.origin)), until: Date.now() + SITE_CACHE_MS };
      } catch (error) {
        // PostgreSQL away: the origins last read stand in, so that a page opened now connects and
        // joins once the database is back (each join still checks its own site then).
        if (!this.knownOrigins || !isDatabaseUnavailable(error)) throw error;
      }
    }
    return this.knownOrigins.origins.has(origin);
  }

  list(): Promise<Site[]> {
    return this.sites.find({ order: { slug: 'ASC' } });
  }

  async create(input: NewSite, manager: EntityManager = this.sites.manager): Promise<Site> {
    const slug = input.slug.trim().toLowerCase();
    if (!SITE_SLUG.test(slug)) {
      throw new SiteInputError(`"${input.slug}" is not a valid slug: use 1 to 64 lower-case letters, digits and dashes.`, 'slug');
    }
    const name = siteName(input.name, slug);
    const origins = normaliseOrigins(input.origins);
    const repository = manager.getRepository(Site);
    if (await repository.existsBy({ slug })) throw slugTaken(slug);
    let site: Site;
    try {
      site = await repository.save(repository.create({ slug, name, allowedOrigins: origins, settings: input.settings ?? {} }));
    } catch (error) {
      // Two admins creating the same slug at once: the unique index decides, the loser hears why.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw slugTaken(slug);
      throw error;
    }
    this.forgetCached();
    return site;
  }

  /**
   * Renames a site or replaces its origins (at least one). Every cached site and the known
   * origins are dropped, so that CORS, the websocket handshake and the comment form follow at once
   * on this node; call forgetCached again after the commit (a request in between may have cached
   * the old row), and other nodes follow within SITE_CACHE_MS.
   */
  async changeDetails(site: Site, changes: { name?: string; origins?: string[] }, manager: EntityManager = this.sites.manager): Promise<Site> {
    const columns: Partial<Pick<Site, 'name' | 'allowedOrigins'>> = {};
    if (changes.name !== undefined) columns.name = siteName(changes.name, null);
    if (changes.origins !== undefined) columns.allowedOrigins = normaliseOrigins(changes.origins);
    if (Object.keys(columns).length > 0) await manager.getRepository(Site).update({ id: site.id }, columns);
    this.forgetCached();
    return this.sites.create({ ...site, ...columns });
  }

  /** Drops every cached site and the known origins: the next read goes to the database. */
  forgetCached(): void {
    this.cache.clear();
    this.knownOrigins = null;
  }

  /** Adds origins a site lacks (the demo site follows PUBLIC_URL and PORT). */
  async allowOrigins(site: Site, origins: string[]): Promise<Site> {
    const missing = normaliseOrigins(origins).filter((o) => !site.allowedOrigins.includes(o));
    if (missing.length === 0) return site;
    // Appended in the database, so two nodes adding their own origins at once both keep theirs.
    const { raw } = await this.sites
      .createQueryBuilder()
      .update()
      .set({ allowedOrigins: () => `allowed_origins || ARRAY(SELECT o FROM unnest(CAST(:missing AS text[])) o WHERE o <> ALL(allowed_origins))` })
      .setParameter('missing', missing)
      .where('id = :id', { id: site.id })
      .returning('allowed_origins')
      .execute();
    site.allowedOrigins = (raw as Array<{ allowed_origins: string[] }>)[0].allowed_origins;
    this.cache.clear();
    this.knownOrigins = null;
    return site;
  }

  /**
   * Changes some of a site's settings. Merged in the database, so two admins changing different
   * settings at once both keep theirs.
   */
  async updateSettings(site: Site, changes: Partial<SiteSettings>, manager: EntityManager = this.sites.manager): Promise<Site> {
    const { raw } = await manager
      .getRepository(Site)
      .createQueryBuilder()
      .update()
      .set({ settings: () => `settings || CAST(:changes AS jsonb)` })
      .setParameter('changes', JSON.stringify(changes))
      .where('id = :id', { id: site.id })
      .returning('settings')
      .execute();
    const after = this.sites.create({ ...site, settings: (raw as Array<{ settings: Partial<SiteSettings> }>)[0].settings });
    this.cache.clear();
    return after;
  }

  async updateSignIn(site: Site, columns: Pick<Site, 'signInSecret' | 'signInPublicKey'>, manager: EntityManager = this.sites.manager): Promise<void> {
    await manager.getRepository(Site).update({ id: site.id }, columns);
    this.cache.clear();
  }

  findBySlug(slug: string): Promise<Site | null> {
    return this.sites.findOneBy({ slug });
  }
}

const UNIQUE_VIOLATION = '23505';

function slugTaken(slug: string): ConflictException {
  return new ConflictException(`A site with the slug "${slug}" already exists.`);
}

/** A trimmed name; empty falls back to the slug on creation, and is refused on a rename (`fallback` null). */
function siteName(raw: string | undefined, fallback: string | null): string {
  const name = raw?.trim() ?? '';
  if (name.length > MAX_SITE_NAME_LENGTH) throw new SiteInputError(`A site's name has ${MAX_SITE_NAME_LENGTH} characters at most.`, 'name');
  if (name !== '') return name;
  if (fallback === null) throw new SiteInputError('A site needs a name.', 'name');
  return fallback;
}

function normaliseOrigins(origins: string[]): string[] {
  if (origins.length === 0) throw new SiteInputError('A site needs at least one allowed origin, e.g. https://news.example.com', 'origins');
  return [
    ...new Set(
      origins.map((origin) => {
        const canonical = canonicalOrigin(origin);
        if (!canonical) throw new SiteInputError(`"${origin}" is not an origin: use scheme and host, e.g. https://news.example.com`, 'origins');
        return canonical;
      }),
    ),
  ];
}
