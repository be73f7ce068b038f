import { Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARTICLE_CHANGED, ArticleChangedEvent } from '../../articles/article-changed.event.js';
import { Article } from '../../articles/article.entity.js';
import { ArticlesService } from '../../articles/articles.service.js';
import type { Site } from '../../sites/site.entity.js';
import { SitesService } from '../../sites/sites.service.js';
import { type AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { ArticleControlsDto, NewArticleDto } from './dto/article-controls.dto.js';
import type { ModeratedArticle } from '../moderation-answers.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';

/** Closing and reopening an article, and its own pre-moderation. */
@Injectable()
export class ArticleControlsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesService,
    private readonly sites: SitesService,
    private readonly audit: AuditLog,
    private readonly events: EventEmitter2,
  ) {}

  async get(moderator: ModeratorIdentity, id: number): Promise<ModeratedArticle> {
    const article = await this.articles.findById(id);
    if (!article || !moderator.canSee(article.siteId)) throw new NotFoundException('There is no such article.');
    return this.describe(article);
  }

  /**
   * The article at this URL, created if it has no comment yet, with the controls given: readers
   * never create articles by reading, so a moderator who wants a story closed or pre-moderated
   * before its first comment sets it up here.
   */
  async create(moderator: ModeratorIdentity, wanted: NewArticleDto): Promise<{ created: boolean; article: ModeratedArticle }> {
    const site = await this.sites.findBySlug(wanted.site);
    if (!site || !moderator.canSee(site.id)) throw new NotFoundException('There is no such site.');
    const url = this.articles.canonicalUrlFor(site, wanted.url);
    const existed = await this.articles.findByCanonicalUrl(site, url);
    const article = existed ?? (await this.articles.findOrCreateByCanonicalUrl(site, url));
    return { created: !existed, article: await this.change(moderator, article.id, { open: wanted.open, premoderation: wanted.premoderation }) };
  }

  async change(moderator: ModeratorIdentity, id: number, controls: ArticleControlsDto): Promise<ModeratedArticle> {
    const changed = await this.dataSource.transaction(async (manager) => {
      // Read within the transaction (the embedded database has one connection), locked so two
      // moderators changing one article log what each really changed.
      const article = await manager.getRepository(Article).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id }).getOne();
      if (!article || !moderator.canSee(article.siteId)) throw new NotFoundException('There is no such article.');
      const entries: AuditEntry[] = [];
      const on = { siteId: article.siteId, articleId: article.id };
      if (controls.open !== undefined && controls.open !== article.open) {
        entries.push({ ...on, action: controls.open ? 'article.reopen' : 'article.close' });
      }
      if (controls.premoderation !== undefined && controls.premoderation !== article.premoderation) {
        entries.push({ ...on, action: 'article.premoderation', detail: { from: article.premoderation, to: controls.premoderation } });
      }
      await this.articles.setControls(manager, article, controls);
      await this.audit.record(manager, moderator, entries);
      return article;
    });
    this.events.emit(ARTICLE_CHANGED, new ArticleChangedEvent(changed.id));
    return this.describe(changed);
  }

  private async describe(article: Article): Promise<ModeratedArticle> {
    return this.describeOn(article, await this.sites.getById(article.siteId));
  }

  /** As `get` answers, for a caller that already holds the article's site (a page of many articles). */
  describeOn(article: Article, site: Site): ModeratedArticle {
    return {
      id: article.id,
      site: site.slug,
      url: article.url,
      title: article.title,
      open: article.open,
      acceptingComments: this.articles.isOpen(article, site),
      premoderation: article.premoderation,
      createdAt: article.createdAt.toISOString(),
    };
  }
}
