import { Injectable } from '@nestjs/common';
import { decodeCursor, pageOf, rowsToRead } from '../../http/cursor.js';
import { SitesService } from '../../sites/sites.service.js';
import type { Comment } from '../../threads/comment.entity.js';
import type { QueueQueryDto } from './dto/queue-query.dto.js';
import type { ModeratorIdentity } from '../accounts/moderator-identity.js';
import { ModeratorScope } from '../accounts/moderator-scope.js';
import { type QueueCounts, type QueueItem, queueOf } from './queue.js';
import { QueueRepository } from './queue.repository.js';

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

/** The moderation queues: what is waiting for a decision, with what it takes to decide. */
@Injectable()
export class QueueService {
  constructor(
    private readonly queues: QueueRepository,
    private readonly scope: ModeratorScope,
    private readonly sites: SitesService,
  ) {}

  async page(moderator: ModeratorIdentity, query: QueueQueryDto): Promise<QueuePage> {
    const tag = `${query.status}-${query.sort}`;
    const siteIds = await this.scope.siteIds(moderator, query.site);
    const ids = await this.queues.pageIds({
      queue: query.status,
      siteIds,
      articleId: query.article,
      email: query.email,
      text: query.q,
      sort: query.sort,
      afterId: query.cursor ? decodeCursor(query.cursor, tag) : null,
      limit: rowsToRead(query.limit),
    });
    const { items: pageIds, nextCursor } = pageOf(ids, query.limit, tag, (id) => id);
    const items = await this.itemsOf(await this.queues.commentsByIds(pageIds));
    const order = new Map(pageIds.map((id, index) => [id, index]));
    items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    return { items, nextCursor };
  }

  async counts(moderator: ModeratorIdentity, slug?: string): Promise<QueueCounts> {
    return this.queues.counts(await this.scope.siteIds(moderator, slug));
  }

  countsOfSite(siteId: number): Promise<QueueCounts> {
    return this.queues.counts([siteId]);
  }

  async itemsByIds(ids: number[]): Promise<QueueItem[]> {
    return this.itemsOf(await this.queues.commentsByIds(ids));
  }

  /** Comments with their context, in a fixed number of queries however many there are. */
  async itemsOf(comments: Comment[]): Promise<QueueItem[]> {
    if (comments.length === 0) return [];
    const ids = comments.map((c) => c.id);
    const [articles, parents, flags, records, sites] = await Promise.all([
      this.queues.articlesByIds([...new Set(comments.map((c) => c.articleId))]),
      this.queues.commentsByIds([...new Set(comments.flatMap((c) => (c.replyToId === null ? [] : [c.replyToId])))]),
      this.queues.openFlags(ids),
      this.queues.authorRecords(comments.map((c) => ({ siteId: c.siteId, email: c.authorEmail }))),
      Promise.all([...new Set(comments.map((c) => c.siteId))].map((id) => this.sites.getById(id))),
    ]);
    const articleOf = new Map(articles.map((a) => [a.id, a]));
    const parentOf = new Map(parents.map((p) => [p.id, p]));
    const slugOf = new Map(sites.map((s) => [s.id, s.slug]));
    return comments.map((comment) => {
      const article = articleOf.get(comment.articleId)!;
      const parent = comment.replyToId === null ? undefined : parentOf.get(comment.replyToId);
      const flagged = flags.get(comment.id) ?? { count: 0, reasons: {}, notes: [] };
      return {
        id: comment.id,
        site: { id: comment.siteId, slug: slugOf.get(comment.siteId)! },
        status: comment.status,
        queue: queueOf(comment.status, flagged.count),
        body: comment.body,
        author: {
          name: comment.authorName,
          email: comment.authorEmail,
          website: comment.authorWebsite,
          ip: comment.ip,
          userAgent: comment.userAgent,
          verified: comment.authorVerified,
        },
        createdAt: comment.createdAt.toISOString(),
        editedAt: comment.editedAt?.toISOString() ?? null,
        editedFrom: comment.editedFrom,
        newsroom: {
          staff: comment.staff === true,
          pinned: comment.pinnedAt != null,
          editorsPick: comment.editorsPick === true,
          editedByModerator: comment.moderatorEditedAt != null,
        },
        article: { id: article.id, url: article.url, title: article.title, open: article.open },
        parent: parent ? { id: parent.id, authorName: parent.authorName, body: parent.body, status: parent.status } : null,
        verdict: { score: comment.spamScore, reasons: comment.spamReasons },
        flags: flagged,
        record: records.get(`${comment.siteId}|${comment.authorEmail}`) ?? {},
      };
    });
  }
}
