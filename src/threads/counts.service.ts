import { Injectable } from '@nestjs/common';
import { ArticlesService } from '../articles/articles.service.js';
import { SitesService } from '../sites/sites.service.js';
import { CommentsRepository } from './comments.repository.js';
import type { CountsAnswer } from './counts-answer.js';

/**
 * Comment counts for a homepage's article list (count.js), like Disqus's count script: the same
 * canonical URLs threads use, so `?utm_source=…` on a teaser link counts the article's thread.
 * Reads only: a URL without comments answers 0 and creates no article.
 */
@Injectable()
export class CountsService {
  constructor(
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsRepository,
  ) {}

  async countsJson(siteSlug: string, urls: readonly string[]): Promise<string> {
    const site = await this.sites.getBySlug(siteSlug);
    const canonical = new Map<string, string>();
    // A URL no thread of this site could have (another origin, not http) is left out, never a
    // refusal: one stray link in a list of a hundred should not cost the page every count.
    for (const given of urls) {
      const url = this.articles.canonicalUrlOnSite(site, given);
      if (url !== null) canonical.set(given, url);
    }
    const found = canonical.size === 0 ? new Map<string, number>() : await this.comments.approvedCountsByUrl(site.id, [...new Set(canonical.values())]);
    // fromEntries defines own properties: a key such as "__proto__" cannot reach the prototype.
    const counts = Object.fromEntries([...canonical].map(([given, url]) => [given, found.get(url) ?? 0]));
    return JSON.stringify({ counts } satisfies CountsAnswer);
  }
}
