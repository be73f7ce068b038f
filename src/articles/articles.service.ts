import { ForbiddenException, HttpException, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { EntityManager, Repository } from 'typeorm';
import { fieldError } from '../http/field-error.js';
import { clientNetwork } from '../rate-limits/client-network.js';
import { type RateLimit, RateLimits } from '../rate-limits/rate-limits.js';
import type { PremoderationMode } from '../sites/site-settings.js';
import type { Site } from '../sites/site.entity.js';
import { ARTICLE_CHANGED, ArticleChangedEvent } from './article-changed.event.js';
import { ArticleUrlError, canonicalArticleUrl } from './article-url.js';
import { Article } from './article.entity.js';

const DAY_MS = 86_400_000;

/**
 * How long a post may go by an article as this node read it: a moderator's close or pre-moderation
 * on another node is followed within this time (sites: SITE_CACHE_MS), on this node at once.
 */
export const ARTICLE_STATE_MS = 2_000;

/** New articles one client network may start per hour on a site (the site's newArticlesPerHour). */
const newArticles = (perHour: number): RateLimit => ({ name: 'new-articles', points: perHour, seconds: 3600 });

/** Which site an article belongs to, its id and URL: fixed for its whole life, unlike its state. */
export type ArticlePlace = Pick<Article, 'id' | 'siteId' | 'url'>;

@Injectable()
export class ArticlesService {
  /**
   * Places of articles readers open, so that thousands of readers joining a hot article's live
   * room cost no query each. Only the place is kept: whether it is open is always read fresh.
   */
  private readonly places = new LRUCache<string, ArticlePlace>({
    max: 100_000,
    // Bounded by memory too: a key is a URL of up to 2 KB, so 100,000 long ones would be 400 MB.
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (_place, key) => key.length * 2 + 64,
  });

  /**
   * Articles as posts last read them, by id, and their ids by place: a busy article's posts read
   * it once per ARTICLE_STATE_MS rather than once each.
   */
  private readonly states = new LRUCache<number, Article>({ max: 10_000, ttl: ARTICLE_STATE_MS });
  private readonly stateIds = new LRUCache<string, number>({ max: 10_000, ttl: ARTICLE_STATE_MS });
  /** Changes seen on this node so far: a row read before one is not kept, as it may predate it. */
  private changesSeen = 0;

  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly limits: RateLimits,
  ) {}

  /**
   * Where the article at this URL is, if it has one: an article exists from its first comment on.
   * Reading a thread never creates one, so readers (and scripts) opening any URL on the site's
   * origins fill no table and no moderator's Articles list.
   */
  async findPlaceByCanonicalUrl(site: Site, url: string): Promise<ArticlePlace | null> {
    const key = placeKey(site.id, url);
    const known = this.places.get(key);
    if (known) return known;
    const article = await this.findByCanonicalUrl(site, url);
    return article && this.remember(article);
  }

  async findPlaceById(id: number): Promise<ArticlePlace | null> {
    const known = this.places.get(`#${id}`);
    if (known) return known;
    const article = await this.findById(id);
    return article && this.remember(article);
  }

  private remember(article: Article): ArticlePlace {
    const place = { id: article.id, siteId: article.siteId, url: article.url };
    this.places.set(placeKey(article.siteId, article.url), place);
    this.places.set(`#${article.id}`, place);
    return place;
  }

  /** Which of these (site, canonical URL) pairs have an article, as places. */
  async findPlacesByCanonicalUrls(pairs: ReadonlyArray<readonly [siteId: number, url: string]>): Promise<ArticlePlace[]> {
    if (pairs.length === 0) return [];
    const found = await this.articles
      .createQueryBuilder('a')
      .select(['a.id', 'a.siteId', 'a.url'])
      .where('(a.site_id, a.url) IN (SELECT * FROM unnest(CAST(:sites AS integer[]), CAST(:urls AS text[])))', {
        sites: pairs.map(([siteId]) => siteId),
        urls: pairs.map(([, url]) => url),
      })
      .getMany();
    return found.map((article) => this.remember(article));
  }

  findByCanonicalUrl(site: Site, url: string): Promise<Article | null> {
    return this.articles.findOneBy({ siteId: site.id, url });
  }

  /**
   * As findByCanonicalUrl, for a post: read at most ARTICLE_STATE_MS ago. Shared by the posts of
   * those moments: only adoptTitle changes it, as it changes the row.
   */
  async findForPost(site: Site, url: string): Promise<Article | null> {
    const key = placeKey(site.id, url);
    const id = this.stateIds.get(key);
    const known = id === undefined ? undefined : this.states.get(id);
    if (known) return known;
    const changesSeen = this.changesSeen;
    const article = await this.findByCanonicalUrl(site, url);
    if (article) this.rememberState(article, changesSeen);
    return article;
  }

  private rememberState(article: Article, changesSeen: number): Article {
    if (changesSeen !== this.changesSeen) return article;
    this.states.set(article.id, article);
    this.stateIds.set(placeKey(article.siteId, article.url), article.id);
    return article;
  }

  /** A moderator's change (or another node's likes) on this node: the next post reads the row again. */
  @OnEvent(ARTICLE_CHANGED)
  articleChanged({ articleId }: ArticleChangedEvent): void {
    this.changesSeen += 1;
    this.states.delete(articleId);
  }

  /**
   * Creates the article at this URL for its first comment, within the site's newArticlesPerHour
   * per client network (an IPv4 address or IPv6 /64; 429 beyond). Only pages on the site's own
   * origins get a thread (canonicalUrlFor): anyone could otherwise open discussions on any address
   * under the site's name.
   */
  async start(site: Site, url: string, ip: string | null): Promise<Article> {
    const perHour = site.effectiveSettings.newArticlesPerHour;
    if (perHour > 0) {
      await this.limits.take(
        newArticles(perHour),
        `${site.id}|${ip ? clientNetwork(ip) : 'no address'}`,
        'You are starting discussions on too many new articles.',
      );
    }
    const changesSeen = this.changesSeen;
    return this.rememberState(await this.findOrCreateByCanonicalUrl(site, url), changesSeen);
  }

  /** The article at this canonical URL (see canonicalUrlFor), created if it has no row yet. */
  async findOrCreateByCanonicalUrl(site: Site, url: string): Promise<Article> {
    const found = await this.findByCanonicalUrl(site, url);
    if (found) return found;
    await this.articles
      .createQueryBuilder()
      .insert()
      .values({ siteId: site.id, url })
      // Two first comments at once: one insert wins, both read the same row.
      .orIgnore()
      .execute();
    return this.articles.findOneByOrFail({ siteId: site.id, url });
  }

  /**
   * The title a published comment's page gave, replacing the one kept: the page is not
   * authenticated, so no single form keeps its title for good. A title sent with a comment that is
   * held or spam is never kept, and the next published comment's page puts a poisoned one right.
   */
  async adoptTitle(article: Article, title: string | null | undefined): Promise<void> {
    const wanted = title?.trim() || null;
    if (wanted === null || wanted === article.title) return;
    await this.articles.update({ id: article.id }, { title: wanted });
    article.title = wanted;
  }

  findById(id: number): Promise<Article | null> {
    return this.articles.findOneBy({ id });
  }

  /** Closes or reopens an article, or sets its own pre-moderation (null: the site's). */
  async setControls(manager: EntityManager, article: Article, controls: { open?: boolean; premoderation?: PremoderationMode | null }): Promise<Article> {
    const changes = Object.fromEntries(Object.entries(controls).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length > 0) await manager.getRepository(Article).update({ id: article.id }, changes);
    return Object.assign(article, changes);
  }

  /** Closed by hand, or by the site's "close comments after N days". */
  isOpen(article: Article, site: Site, now = new Date()): boolean {
    if (!article.open) return false;
    const days = site.effectiveSettings.closeAfterDays;
    return days <= 0 || now.getTime() < article.createdAt.getTime() + days * DAY_MS;
  }

  /** The article's own pre-moderation where a moderator set one, else the site's. */
  premoderationOf(article: Article, site: Site): PremoderationMode {
    return article.premoderation ?? site.effectiveSettings.premoderation;
  }

  canonicalUrlFor(site: Site, rawUrl: string): string {
    let url: string;
    try {
      url = canonicalArticleUrl(rawUrl, site.effectiveSettings.articleParameters);
    } catch (error) {
      if (error instanceof ArticleUrlError) {
        throw fieldError('url', error.message);
      }
      throw error;
    }
    const origin = new URL(url).origin;
    if (!site.allowedOrigins.includes(origin)) {
      throw new ForbiddenException(`Comments for site "${site.slug}" are not allowed on ${origin}.`);
    }
    return url;
  }

  /**
   * As canonicalUrlFor, but null instead of a refusal for a URL no thread of the site could have
   * (not an absolute http(s) URL, too long, on an origin the site does not allow).
   */
  canonicalUrlOnSite(site: Site, rawUrl: string): string | null {
    try {
      return this.canonicalUrlFor(site, rawUrl);
    } catch (error) {
      if (error instanceof HttpException) return null;
      throw error;
    }
  }
}

function placeKey(siteId: number, url: string): string {
  return `${siteId}|${url}`;
}
