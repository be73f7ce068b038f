import { ReplyEmails } from '../notifications/reply-emails.js';
import { SiteSignIn } from '../sites/site-sign-in.js';
import { Injectable } from '@nestjs/common';
import type { Article } from '../articles/article.entity.js';
import { ArticlesService } from '../articles/articles.service.js';
import { decodeCursor, pageOf, rowsToRead } from '../http/cursor.js';
import type { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { ArticleEventsRepository } from './article-events.repository.js';
import { CommentsRepository } from './comments.repository.js';
import type { ThreadQueryDto } from './dto/thread-query.dto.js';
import { FormTokens } from '../spam/form-tokens.js';
import { assembleThread, missingAncestorIds } from './thread-assembler.js';
import type { ThreadPage } from './thread-page.js';
import { ThreadPageCache } from './thread-page-cache.js';

@Injectable()
export class ThreadsService {
  constructor(
    private readonly sites: SitesService,
    private readonly articles: ArticlesService,
    private readonly comments: CommentsRepository,
    private readonly events: ArticleEventsRepository,
    private readonly formTokens: FormTokens,
    private readonly cache: ThreadPageCache,
    private readonly replyEmails: ReplyEmails,
    private readonly signIn: SiteSignIn,
  ) {}

  /**
   * A page of the article's thread as JSON (see ThreadPage): top-level comments in the asked order,
   * replies nested under them. Served from the page cache when this page was rendered moments ago;
   * the form token is fresh in every answer. Reads only: an article without comments is answered
   * as an empty thread and not created.
   */
  async pageJson(query: ThreadQueryDto): Promise<string> {
    const site = await this.sites.getBySlug(query.site);
    const url = this.articles.canonicalUrlFor(site, query.url);
    // Checked whether or not the article exists: a made-up cursor is refused alike.
    const afterId = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
    const key = this.cache.key(site.id, url, query.sort, query.cursor, query.limit);
    let json = this.cache.get(key)?.jsonWithoutToken;
    if (json === undefined) {
      const article = await this.articles.findByCanonicalUrl(site, url);
      if (article) {
        const version = this.cache.version(article.id);
        json = JSON.stringify(await this.render(site, article, query, afterId)).slice(0, -1);
        this.cache.set(key, { articleId: article.id, jsonWithoutToken: json }, version);
      } else {
        json = JSON.stringify(this.unstarted(site, url)).slice(0, -1);
      }
    }
    // Besides the cached page: the same for every article, and the token new for every reader.
    const signIn =
      this.signIn.method(site) === 'off' ? null : { required: site.effectiveSettings.signInRequired, url: site.effectiveSettings.signInUrl || null };
    return `${json},"replyEmails":${this.replyEmails.offered},"signIn":${JSON.stringify(signIn)},"formToken":${JSON.stringify(this.formTokens.issue(site.id, url))}}`;
  }

  /**
   * The thread of an article nobody has commented on: it has no row (its first comment creates
   * one), so no id and no events yet. Readers join its live room by site and URL.
   */
  private unstarted(site: Site, url: string): Omit<ThreadPage, 'formToken' | 'replyEmails' | 'signIn'> {
    return {
      article: { id: null, url, title: null },
      total: 0,
      open: true,
      maxDepth: site.effectiveSettings.maxDepth,
      comments: [],
      nextCursor: null,
      lastEventId: 0,
    };
  }

  private async render(
    site: Site,
    article: Article,
    query: ThreadQueryDto,
    afterId: number | null,
  ): Promise<Omit<ThreadPage, 'formToken' | 'replyEmails' | 'signIn'>> {
    // Read before the comments: whatever commits in between is replayed to a reader who joins the
    // live room with this id, so nothing falls between the page and the live events.
    const lastEventId = await this.events.lastEventId(article.id);
    const [rows, total] = await Promise.all([
      this.comments.pageOfRoots(article.id, query.sort, afterId, rowsToRead(query.limit)),
      this.comments.countApproved(article.id),
    ]);
    const { items: roots, nextCursor } = pageOf(rows, query.limit, query.sort, (root) => root.id);
    const rootIds = new Set(roots.map((r) => r.id));
    const replies = await this.comments.approvedReplies([...rootIds]);
    const placeholders = await this.comments.byIds(missingAncestorIds(replies, rootIds));
    const tree = placeholders.length === 0 ? replies : [...replies, ...placeholders].sort((a, b) => (a.sortPath < b.sortPath ? -1 : 1));

    return {
      article: { id: article.id, url: article.url, title: article.title },
      total,
      open: this.articles.isOpen(article, site),
      maxDepth: site.effectiveSettings.maxDepth,
      comments: assembleThread(roots, tree),
      nextCursor,
      lastEventId,
    };
  }
}
