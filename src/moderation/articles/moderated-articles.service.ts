import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Article } from '../../articles/article.entity.js';
import { decodeCursor, pageOf, rowsToRead } from '../../http/cursor.js';
import { SitesService } from '../../sites/sites.service.js';
import { Comment } from '../../threads/comment.entity.js';
import type { CommentStatus } from '../../threads/comment-status.js';
import { ArticleControlsService } from './article-controls.service.js';
import type { ModeratedArticle } from '../moderation-answers.js';
import type { ArticleCommentsQueryDto, ArticlesQueryDto } from './dto/moderated-articles-query.dto.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';
import type { QueueItem } from '../queue/queue.js';
import { QueueService } from '../queue/queue.service.js';

const ARTICLES_CURSOR = 'articles';
const THREAD_CURSOR = 'article-thread';

/**
 * What readers see, plus what is held: a moderator reads the thread with the held comments in
 * place. Spam and trash have their queues; a comment its author deleted is gone for everyone.
 */
const THREAD_STATUSES: CommentStatus[] = ['approved', 'pending'];

/** Flagged as in the queues: approved comments with reports not yet decided on. */
export interface ArticleCounts {
  approved: number;
  pending: number;
  flagged: number;
}

export type ArticleWithCounts = ModeratedArticle & { counts: ArticleCounts };

export interface ArticlesPage {
  articles: ArticleWithCounts[];
  nextCursor: string | null;
}

export interface ArticleThreadPage {
  article: ModeratedArticle;
  comments: QueueItem[];
  nextCursor: string | null;
}

/** The desk's article view: finding an article, and reading its thread as a moderator. */
@Injectable()
export class ModeratedArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly controls: ArticleControlsService,
    private readonly queue: QueueService,
    private readonly scope: ModeratorScope,
    private readonly sites: SitesService,
  ) {}

  /** Newest first; a page costs the same few queries however many articles or comments it holds. */
  async page(moderator: ModeratorIdentity, query: ArticlesQueryDto): Promise<ArticlesPage> {
    const siteIds = await this.scope.siteIds(moderator, query.site);
    const beforeId = query.cursor ? decodeCursor(query.cursor, ARTICLES_CURSOR) : null;
    if (siteIds.length === 0) return { articles: [], nextCursor: null };
    const builder = this.dataSource
      .getRepository(Article)
      .createQueryBuilder('a')
      .where('a.site_id IN (:...siteIds)', { siteIds })
      .orderBy('a.id', 'DESC')
      .limit(rowsToRead(query.limit));
    if (query.q !== undefined) builder.andWhere('(a.title ILIKE :pattern OR a.url ILIKE :pattern)', { pattern: containing(query.q) });
    if (beforeId !== null) builder.andWhere('a.id < :beforeId', { beforeId });
    const { items: articles, nextCursor } = pageOf(await builder.getMany(), query.limit, ARTICLES_CURSOR, (article) => article.id);

    const [counts, sites] = await Promise.all([
      this.countsOf(articles),
      Promise.all([...new Set(articles.map((a) => a.siteId))].map((id) => this.sites.getById(id))),
    ]);
    const siteOf = new Map(sites.map((s) => [s.id, s]));
    return {
      articles: articles.map((article) => ({
        ...this.controls.describeOn(article, siteOf.get(article.siteId)!),
        counts: counts.get(article.id) ?? { approved: 0, pending: 0, flagged: 0 },
      })),
      nextCursor,
    };
  }

  /**
   * Oldest first, so a parent always comes before its replies (it has the lower id) and the desk
   * can build the tree as pages arrive.
   */
  async thread(moderator: ModeratorIdentity, articleId: number, query: ArticleCommentsQueryDto): Promise<ArticleThreadPage> {
    const article = await this.controls.get(moderator, articleId);
    const afterId = query.cursor ? decodeCursor(query.cursor, THREAD_CURSOR) : null;
    // Not `ORDER BY id LIMIT n` on comments directly: for a big article the planner walks the
    // primary key hoping to meet the article's rows early, through every other article's comments
    // (measured: 234 ms, against 19 ms this way, for an article with 31,000 of a million comments).
    // Materialised first, the article's slice is read through comments_thread (article_id, status,
    // …), and only that slice is sorted.
    const visible = this.dataSource
      .getRepository(Comment)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.article_id = :articleId', { articleId })
      .andWhere('c.status IN (:...statuses)', { statuses: THREAD_STATUSES });
    if (afterId !== null) visible.andWhere('c.id > :afterId', { afterId });
    const rows = await this.dataSource
      .createQueryBuilder()
      .addCommonTableExpression(visible, 'visible', { materialized: true })
      .select('v.id', 'id')
      .from('visible', 'v')
      .orderBy('v.id', 'ASC')
      .limit(rowsToRead(query.limit))
      .getRawMany<{ id: string }>();
    const { items: pageIds, nextCursor } = pageOf(
      rows.map((row) => Number(row.id)),
      query.limit,
      THREAD_CURSOR,
      (id) => id,
    );

    const comments = await this.queue.itemsByIds(pageIds);
    const order = new Map(pageIds.map((id, index) => [id, index]));
    comments.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { article, comments, nextCursor };
  }

  /** One query for the whole page; articles without comments are absent from its answer. */
  private async countsOf(articles: Article[]): Promise<Map<number, ArticleCounts>> {
    if (articles.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Comment)
      .createQueryBuilder('c')
      .select('c.article_id', 'articleId')
      .addSelect(`count(*) FILTER (WHERE c.status = 'approved')::int`, 'approved')
      .addSelect(`count(*) FILTER (WHERE c.status = 'pending')::int`, 'pending')
      // Open flags are few (the flagged queue starts from them too): read once through flags_open,
      // not looked up for each approved comment.
      .addSelect(
        `count(*) FILTER (WHERE c.status = 'approved' AND c.id IN (
           SELECT f.comment_id FROM flags f WHERE f.resolved_at IS NULL AND f.site_id IN (:...siteIds)))::int`,
        'flagged',
      )
      .where('c.article_id IN (:...articleIds)', { articleIds: articles.map((a) => a.id) })
      .andWhere(`c.status IN ('approved', 'pending')`)
      .setParameter('siteIds', [...new Set(articles.map((a) => a.siteId))])
      .groupBy('c.article_id')
      .getRawMany<{ articleId: string; approved: number; pending: number; flagged: number }>();
    return new Map(rows.map((row) => [Number(row.articleId), { approved: row.approved, pending: row.pending, flagged: row.flagged }]));
  }
}

/** An ILIKE pattern for text anywhere, with the text's own `%`, `_` and `\` taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
