import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Site } from '../sites/site.entity.js';
import { ArticleUrlError, canonicalArticleUrl } from './article-url.js';
import { Article } from './article.entity.js';

const DAY_MS = 86_400_000;

@Injectable()
export class ArticlesService {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  /**
   * The article at this URL, created on first sight. Only pages on the site's own origins get a
   * thread: anyone could otherwise open discussions on any address under the site's name.
   */
  findOrCreate(site: Site, rawUrl: string, title?: string | null): Promise<Article> {
    return this.findOrCreateAt(site, this.canonicalUrlFor(site, rawUrl), title);
  }

  /** As findOrCreate, for a URL already through canonicalUrlFor. */
  async findOrCreateAt(site: Site, url: string, title?: string | null): Promise<Article> {
    const found = await this.articles.findOneBy({ siteId: site.id, url });
    if (found) return found;
    await this.articles
      .createQueryBuilder()
      .insert()
      .values({ siteId: site.id, url, title: title?.trim() || null })
      // Two readers opening a new article at once: one insert wins, both read the same row.
      .orIgnore()
      .execute();
    return this.articles.findOneByOrFail({ siteId: site.id, url });
  }

  findById(id: number): Promise<Article | null> {
    return this.articles.findOneBy({ id });
  }

  /** Closed by hand, or by the site's "close comments after N days". */
  isOpen(article: Article, site: Site, now = new Date()): boolean {
    if (!article.open) return false;
    const days = site.effectiveSettings.closeAfterDays;
    return days <= 0 || now.getTime() < article.createdAt.getTime() + days * DAY_MS;
  }

  canonicalUrlFor(site: Site, rawUrl: string): string {
    let url: string;
    try {
      url = canonicalArticleUrl(rawUrl);
    } catch (error) {
      if (error instanceof ArticleUrlError) {
        throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [error.message], fields: { url: error.message } });
      }
      throw error;
    }
    const origin = new URL(url).origin;
    if (!site.allowedOrigins.includes(origin)) {
      throw new ForbiddenException(
        `Comments for site "${site.slug}" are not allowed on ${origin}: only on ${site.allowedOrigins.join(', ')}.`,
      );
    }
    return url;
  }
}
