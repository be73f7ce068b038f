import { Metrics } from '../metrics/metrics.js';
import { ReplyEmails } from '../notifications/reply-emails.js';
import { SiteSignIn } from '../sites/site-sign-in.js';
import { Injectable } from '@nestjs/common';
import type { Article } from '../articles/article.entity.js';
import { ArticlesService } from '../articles/articles.service.js';
import { type CursorPage, decodeCursor, decodeRankingCursor, encodeRankingCursor, pageOf, type RankingPlace, rowsToRead } from '../http/cursor.js';
import { fieldError } from '../http/field-error.js';
import type { Site } from '../sites/site.entity.js';
import { SitesService } from '../sites/sites.service.js';
import { ArticleEventsRepository } from './article-events.repository.js';
import { CommentsRepository } from './comments.repository.js';
import type { ThreadQueryDto } from './dto/thread-query.dto.js';
import type { PublicCommentSource } from './public-comment.js';
import { ThreadRankingsRepository } from './thread-rankings.repository.js';
import { FormTokens } from '../spam/form-tokens.js';
import { assembleThread, missingAncestorIds } from './thread-assembler.js';
import type { ThreadPage } from './thread-page.js';
import { ThreadPageCache } from './thread-page-cache.js';
import { ServedThreadPage } from './served-page.js';

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
    private readonly rankings: ThreadRankingsRepository,
    private readonly metrics: Metrics,
  ) {}

  /**
   * A page of the article's thread (see ThreadPage): top-level comments in the asked order, replies
   * nested under them. The same bytes for every reader, served from the page cache when this page
   * was rendered moments ago (`cacheKey` names it there; null for an article not yet started, which
   * is not kept). Reads only: an article without comments is answered as an empty thread and not
   * created.
   */
  async page(query: ThreadQueryDto): Promise<{ page: ServedThreadPage; cacheKey: string | null }> {
    const site = await this.sites.getBySlug(query.site);
    const url = this.articles.canonicalUrlFor(site, query.url);
    // Checked whether or not the article exists: a made-up cursor is refused alike.
    // The editor's picks page by time: newest first unless asked for the oldest.
    if (query.picks && query.sort === 'top') query.sort = 'newest';
    const after = query.cursor ? (query.sort === 'top' ? decodeRankingCursor(query.cursor, 'top') : decodeCursor(query.cursor, query.sort)) : null;
    const key = this.cache.key(site.id, url, query.picks ? `${query.sort}+picks` : query.sort, query.cursor, query.limit);
    const cached = this.cache.get(key);
    this.metrics.threadPageCache.inc({ result: cached === undefined ? 'miss' : 'hit' });
    if (cached) return { page: cached, cacheKey: key };
    const article = await this.articles.findByCanonicalUrl(site, url);
    if (!article) return { page: this.served(site, this.unstarted(site, url), null), cacheKey: null };
    const version = this.cache.version(article.id);
    const page = this.served(site, await this.render(site, article, query, after), article.id);
    this.cache.set(key, article.id, page, version);
    return { page, cacheKey: key };
  }

  /**
   * A form token for a reader about to write (see FormTokens): kept out of the thread page, which
   * is shared by every reader, and asked for when the form comes into view.
   */
  async formToken(query: Pick<ThreadQueryDto, 'site' | 'url'>): Promise<string> {
    const site = await this.sites.getBySlug(query.site);
    return this.formTokens.issue(site.id, this.articles.canonicalUrlFor(site, query.url));
  }

  private served(site: Site, page: Omit<ThreadPage, 'replyEmails' | 'signIn'>, articleId: number | null): ServedThreadPage {
    const signIn =
      this.signIn.method(site) === 'off' ? null : { required: site.effectiveSettings.signInRequired, url: site.effectiveSettings.signInUrl || null };
    const whole: ThreadPage = { ...page, replyEmails: this.replyEmails.offered, signIn };
    const keys = [`kolom-site-${site.slug}`, ...(articleId === null ? [] : [`kolom-article-${articleId}`])];
    return new ServedThreadPage(Buffer.from(JSON.stringify(whole)), keys);
  }

  /**
   * The thread of an article nobody has commented on: it has no row (its first comment creates
   * one), so no id and no events yet. Readers join its live room by site and URL.
   */
  private unstarted(site: Site, url: string): Omit<ThreadPage, 'replyEmails' | 'signIn'> {
    return {
      article: { id: null, url, title: null },
      total: 0,
      open: true,
      maxDepth: site.effectiveSettings.maxDepth,
      reactionSymbol: site.effectiveSettings.reactionSymbol,
      comments: [],
      nextCursor: null,
      lastEventId: 0,
    };
  }

  private async render(
    site: Site,
    article: Article,
    query: ThreadQueryDto,
    after: number | RankingPlace | null,
  ): Promise<Omit<ThreadPage, 'replyEmails' | 'signIn'>> {
    // Read before the comments: whatever commits in between is replayed to a reader who joins the
    // live room with this id, so nothing falls between the page and the live events.
    const lastEventId = await this.events.lastEventId(article.id);
    const [{ items: listed, nextCursor }, total, pinned] = await Promise.all([
      query.sort === 'top' ? this.topRoots(article.id, after as RankingPlace | null, query.limit) : this.timeRoots(article.id, query, after as number | null),
      this.comments.countApproved(article.id),
      // Pinned comments head the first page, whatever the order; the listing leaves them out.
      after === null && !query.picks ? this.comments.pinnedRoots(article.id) : Promise.resolve([]),
    ]);
    const roots = [...pinned, ...listed];
    const rootIds = new Set(roots.map((r) => r.id));
    const replies = await this.comments.approvedReplies([...rootIds]);
    const placeholders = await this.comments.byIds(missingAncestorIds(replies, rootIds));
    const tree = placeholders.length === 0 ? replies : [...replies, ...placeholders].sort((a, b) => (a.sortPath < b.sortPath ? -1 : 1));

    return {
      article: { id: article.id, url: article.url, title: article.title },
      total,
      open: this.articles.isOpen(article, site),
      maxDepth: site.effectiveSettings.maxDepth,
      reactionSymbol: site.effectiveSettings.reactionSymbol,
      comments: assembleThread(roots, tree),
      nextCursor,
      lastEventId,
    };
  }

  private async timeRoots(articleId: number, query: ThreadQueryDto, afterId: number | null): Promise<CursorPage<PublicCommentSource>> {
    const sort = query.sort === 'newest' ? 'newest' : 'oldest';
    const rows = await this.comments.pageOfRoots(articleId, sort, afterId, rowsToRead(query.limit), query.picks === true);
    return pageOf(rows, query.limit, sort, (root) => root.id);
  }

  /** The first page ranks the thread; the next ones read on in that ranking (ThreadRankingsRepository says why). */
  private async topRoots(articleId: number, after: RankingPlace | null, limit: number): Promise<CursorPage<PublicCommentSource>> {
    const rankingId = after?.rankingId ?? (await this.rankings.rank(articleId));
    const rows = await this.rankings.page(rankingId, articleId, after?.position ?? 0, rowsToRead(limit));
    if (!rows) throw fieldError('cursor', 'This ordering of the thread has expired: load its first page again.');
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map((row) => row.root), nextCursor: rows.length > limit ? encodeRankingCursor('top', { rankingId, position: last.position }) : null };
  }
}
